package org.casetrail.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the whole event log (Flink, batch) into a new audited release of the warehouse.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        if (job.k < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--k must be at least 1");
        }
        ReleaseProcess.Outcome outcome = ReleaseProcess.replay(job.bootstrapServer, job.topic, job.warehouse, job.asOf, job.k,
                job.parallelism);
        Reports.printRelease(outcome, System.out);
        return outcome.published() ? 0 : Casetrail.FAILED;
    }
}
