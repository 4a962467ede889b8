package org.casetrail.cli;

import java.nio.file.Path;
import java.time.LocalDate;

import org.casetrail.ingest.publish.EventLogTopics;
import org.casetrail.jobs.disclosure.SuppressionRule;
import picocli.CommandLine.Option;

/** The options replay and stream share: where the log and the warehouse are, and the release's settings. */
final class JobOptions {

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
}
