package org.casetrail.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.ingest.publish.CaseKeyRing;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * What an events topic and its rejects topic hold, opened with the data keys its case-keys topic
 * holds now, as the job and the snapshot read-back open them: for tests that check the log itself.
 */
public final class LogContents {

    /** One record of a topic: where it is, its Kafka key and value as stored, and what it opened to. */
    public record Entry(int partition, long offset, byte[] key, byte[] value, LogRecordOpener.Opened opened) {}

    /** An event of the log, opened. */
    public record Logged(int partition, long offset, CaseEvent event) {}

    private LogContents() {}

    /** Every record of the events topic up to its end now, partition by partition, opened where its key exists. */
    public static List<Entry> entries(String bootstrapServers, String eventsTopic) {
        return entries(bootstrapServers, eventsTopic, eventsTopic, SealedRecord.Kind.EVENT);
    }

    public static List<Entry> rejectEntries(String bootstrapServers, String eventsTopic) {
        return entries(
                bootstrapServers, eventsTopic, EventLogTopics.rejectedFor(eventsTopic), SealedRecord.Kind.REJECT);
    }

    /** The events that open, in partition and offset order; fails on a record that is neither event nor erasure. */
    public static List<Logged> events(String bootstrapServers, String eventsTopic) {
        CaseEventCodec codec = new CaseEventCodec();
        List<Logged> events = new ArrayList<>();
        for (Entry entry : entries(bootstrapServers, eventsTopic)) {
            if (entry.opened().readable()) {
                try {
                    events.add(new Logged(
                            entry.partition(),
                            entry.offset(),
                            codec.decodeEvent(entry.opened().content())));
                } catch (CaseEventCodec.UndecodableEventException e) {
                    throw new AssertionError("an opened event does not decode: " + e.getMessage());
                }
            }
        }
        return events;
    }

    public static List<RejectedRecord> rejects(String bootstrapServers, String eventsTopic) {
        CaseEventCodec codec = new CaseEventCodec();
        List<RejectedRecord> rejects = new ArrayList<>();
        for (Entry entry : rejectEntries(bootstrapServers, eventsTopic)) {
            if (!entry.opened().readable()) {
                throw new AssertionError(
                        "a reject does not open: " + entry.opened().outcome());
            }
            try {
                rejects.add(codec.decodeRejected(entry.opened().content()));
            } catch (CaseEventCodec.UndecodableEventException e) {
                throw new AssertionError("an opened reject does not decode: " + e.getMessage());
            }
        }
        return rejects;
    }

    private static List<Entry> entries(
            String bootstrapServers, String eventsTopic, String topic, SealedRecord.Kind kind) {
        CaseKeyRing keys = CaseKeyTopic.read(bootstrapServers, EventLogTopics.caseKeysFor(eventsTopic));
        LogRecordOpener opener = new LogRecordOpener();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.currentTimeMillis() + 60_000;
                while (consumer.position(partition) < end.get(partition)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError("cannot read " + partition + " to its end within 60 s");
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.offset() < end.get(partition)) {
                            entries.add(new Entry(
                                    r.partition(),
                                    r.offset(),
                                    r.key(),
                                    r.value(),
                                    opener.open(
                                            kind,
                                            r.key(),
                                            r.value(),
                                            k -> keys.forRecordKey(k).orElse(null))));
                        }
                    }
                }
            }
        }
        return entries;
    }
}
