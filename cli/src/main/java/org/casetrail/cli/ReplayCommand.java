package org.casetrail.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.casetrail.ingest.publish.EventLogTopics;
import org.casetrail.jobs.disclosure.SuppressionRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the whole event log (Flink, batch) into a new audited release of the warehouse.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", required = true, description = "Kafka broker, HOST:PORT.")
    String bootstrapServer;

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--topic", defaultValue = EventLogTopics.DEFAULT_EVENTS, description = "Events topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--as-of", description = "Reference date YYYY-MM-DD (default: the latest event date in the log).")
    LocalDate asOf;

    @Option(names = "--k", defaultValue = "" + SuppressionRule.DEFAULT_K, description = "Suppress cells of fewer than k women (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--k must be at least 1");
        }
        ReleaseProcess.Outcome outcome = ReleaseProcess.replay(bootstrapServer, topic, warehouse, asOf, k, parallelism);
        Reports.printRelease(outcome, System.out);
        return outcome.published() ? 0 : Casetrail.FAILED;
    }
}
