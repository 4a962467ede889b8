package org.casetrail.cli;

import java.util.concurrent.Callable;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.warehouse.release.ReleaseStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the whole event log (Flink, batch) into a new audited release of the warehouse.",
            "It becomes the public (current) release only at a period end, with k of at least 5, an audit passed, and",
            "at least k women changed since the current public release; otherwise it is kept as an internal release.",
            "Exit status 0 for a public or internal release, 1 when the audit failed."
        })
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    JobOptions job;

    @Option(
            names = "--period",
            defaultValue = "quarter",
            converter = JobOptions.PeriodFlag.class,
            description = "Reporting period of public releases: month, quarter or year (default: ${DEFAULT-VALUE}).")
    ReportingPeriod period;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        job.validate(spec);
        ReleaseStage.Outcome outcome = new LogReplay(
                        job.bootstrapServer,
                        job.topic,
                        job.warehouse,
                        job.asOf,
                        period,
                        job.disclosure(),
                        job.parallelism,
                        job.cluster())
                .release();
        Reports.printRelease(outcome, System.out);
        return outcome.auditPassed() ? 0 : Casetrail.FAILED;
    }
}
