package org.casetrail.cli;

import java.util.concurrent.Callable;
import org.casetrail.ingest.erasure.LogSealing;
import org.casetrail.ingest.publish.BackgroundEventLogWriter;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.ingest.publish.KafkaEventLogWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "Work on the event log itself.",
        subcommands = LogCommand.Seal.class)
final class LogCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a log command: seal");
    }

    @Command(
            name = "seal",
            mixinStandardHelpOptions = true,
            description = {
                "Convert a log written before sealing into a new, sealed topic (docs/erasure.md, \"Converting a plain"
                        + " log\"): the same events in the same order per case, each sealed with its case's data key,"
                        + " so that its women can be erased. Then run replay and stream with --topic NEW."
            })
    static final class Seal implements Callable<Integer> {

        @Option(names = "--bootstrap-server", required = true, description = "Kafka broker(s), HOST:PORT[,...].")
        String bootstrapServer;

        @Option(
                names = "--from-topic",
                required = true,
                paramLabel = "OLD",
                description = "The events topic to convert.")
        String fromTopic;

        @Option(
                names = "--topic",
                required = true,
                paramLabel = "NEW",
                description = "The new events topic; it must not hold records yet.")
        String topic;

        @Override
        public Integer call() {
            if (topic.equals(fromTopic)) {
                System.err.println("casetrail: --topic must name a new topic, not " + fromTopic + " itself");
                return Casetrail.USAGE;
            }
            long already = LogSealing.recordsIn(bootstrapServer, topic);
            if (already > 0) {
                System.err.println("casetrail: topic " + topic + " already holds " + already
                        + " records; convert into a topic of its own");
                return Casetrail.USAGE;
            }
            LogSealing sealing = new LogSealing(bootstrapServer, fromTopic);
            int partitions = sealing.partitions();
            LogSealing.Outcome outcome;
            try (EventLogWriter log =
                    new BackgroundEventLogWriter(KafkaEventLogWriter.open(bootstrapServer, topic, partitions))) {
                outcome = sealing.into(log);
            }
            System.out.println("sealed " + outcome.events() + " events and " + outcome.rejects() + " rejects of "
                    + outcome.cases() + " cases from " + fromTopic + " into " + topic + " (" + partitions
                    + " partitions); " + outcome.leftBehind() + " records left behind (erasures, and records whose"
                    + " key is gone or that do not open)");
            System.out.println("replay --topic " + topic + " now gives the tables of " + fromTopic + "; delete "
                    + fromTopic + " and " + fromTopic + "-rejected once you have checked it");
            return 0;
        }
    }
}
