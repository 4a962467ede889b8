package org.casetrail.cli;

import java.util.concurrent.Callable;
import org.casetrail.jobs.options.JobFlags;
import org.casetrail.jobs.options.PeriodFlag;
import org.casetrail.warehouse.release.ReleaseStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    JobFlags job;

    @Mixin
    PeriodFlag reporting;

    @Mixin
    ClusterFlags flink;

    @Override
    public Integer call() throws Exception {
        ReleaseStage.Outcome outcome = new LogReplay(
                        job.bootstrapServer,
                        job.topic,
                        job.folders().localRoot(),
                        job.asOf,
                        reporting.period,
                        job.disclosure(),
                        job.parallelism,
                        flink.cluster())
                .release();
        Reports.printRelease(outcome, System.out);
        return outcome.auditPassed() ? 0 : Casetrail.FAILED;
    }
}
