package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker whose events topic takes smaller batches than ingest would make. Ingest sizes its
 * batches to the topic; what the topic cannot take at all stops the run with Kafka's reason and
 * names no one in the export.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS) // Kafka 4.1's producer used to hang for good here (KAFKA-8350).
class IngestRefusedByKafkaTest {

    @TempDir
    Path dir;

    @Test
    void aTopicTakingOnlySmallBatchesGetsEveryEvent() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // Room for a few events a batch, far less than ingest's own 256 KiB batches.
            createEventsTopic(broker, 2048);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                lines.add(
                        EndToEndTest.identified("SOKHA-" + (5000 + i), "1990-02-03", "POLICE_OPERATION", "2011-05-06"));
            }
            IngestSummary summary = ingest(broker, lines);

            assertThat(summary.accepted()).isEqualTo(400);
            assertThat(recordsIn(broker, "case-events")).isEqualTo(400);
        }
    }

    @Test
    void aTopicTakingNoEventStopsTheRunWithKafkasReasonAndNoIdentity() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            createEventsTopic(broker, 16);
            List<String> lines = List.of(
                    EndToEndTest.identified("SOKHA-4471", "1990-02-03", "POLICE_OPERATION", "2011-05-06"),
                    EndToEndTest.identified("SOKHA-4472", "1991-02-03", "OUTREACH", "2011-05-07"));

            assertThatThrownBy(() -> ingest(broker, lines))
                    .isInstanceOf(IngestException.class)
                    .hasMessageContaining(
                            "writing to Kafka at " + broker.bootstrapServers() + " failed (RecordTooLargeException: ")
                    .hasMessageContaining("Re-run the same ingest")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("SOKHA")
                            .doesNotContain("4471")
                            .doesNotContain("Canary")
                            .doesNotContain("1990"));
        }
    }

    /** Made before ingest runs, so that ingest writes to the topic as it is. */
    private static void createEventsTopic(EmbeddedKafkaBroker broker, int maxMessageBytes) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic("case-events", Optional.of(1), Optional.empty())
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)))))
                    .all()
                    .get();
        }
    }

    private IngestSummary ingest(EmbeddedKafkaBroker broker, List<String> lines) throws Exception {
        Path export = dir.resolve("export.jsonl");
        Files.write(export, lines);
        Path key = dir.resolve("k.key");
        PseudonymKey.create(key);
        return IngestCommand.ingest(broker.bootstrapServers(), key, "case-events", 1, List.of(export));
    }

    private static long recordsIn(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = admin(broker)) {
            return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest()))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next()
                    .offset();
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
