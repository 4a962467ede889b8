package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    public record Entry(int partition, long offset, byte[] key, byte[] value, LogRecordOpener.Opened opened) {

        /**
         * The key and value bytes as stored, one byte a character: where a search of the raw log
         * for a pseudonym or any other ASCII text finds it.
         */
        public String rawText() {
            return (key == null ? "" : new String(key, StandardCharsets.ISO_8859_1))
                    + '\n'
                    + (value == null ? "" : new String(value, StandardCharsets.ISO_8859_1));
        }
    }

    /** An event of the log, opened, with its record's Kafka key as text. */
    public record Logged(int partition, long offset, String recordKey, CaseEvent event) {}

    /** A reject of the log, opened, with its record's Kafka key as text (null for a reject that names no case). */
    public record Reject(int partition, long offset, String recordKey, RejectedRecord reject) {}

    private LogContents() {}

    /** Every record of the events topic up to its end now, partition by partition, opened where its key exists. */
    public static List<Entry> entries(String bootstrapServers, String eventsTopic) {
        return entries(bootstrapServers, eventsTopic, eventsTopic, SealedRecord.Kind.EVENT, Integer.MAX_VALUE);
    }

    /** Every record of the rejects topic up to its end now, partition by partition, opened where it is sealed. */
    public static List<Entry> rejectEntries(String bootstrapServers, String eventsTopic) {
        return entries(
                bootstrapServers,
                eventsTopic,
                EventLogTopics.rejectedFor(eventsTopic),
                SealedRecord.Kind.REJECT,
                Integer.MAX_VALUE);
    }

    /** The events that open, in partition and offset order; fails on a record that is neither event nor erasure. */
    public static List<Logged> events(String bootstrapServers, String eventsTopic) {
        return events(bootstrapServers, eventsTopic, Integer.MAX_VALUE);
    }

    /** The same, of the topic's first records only: at most {@code records}, from its first partition on. */
    public static List<Logged> events(String bootstrapServers, String eventsTopic, int records) {
        CaseEventCodec codec = new CaseEventCodec();
        List<Logged> events = new ArrayList<>();
        for (Entry entry : entries(bootstrapServers, eventsTopic, eventsTopic, SealedRecord.Kind.EVENT, records)) {
            if (!entry.opened().readable() && entry.opened().outcome() != LogRecordOpener.Outcome.ERASURE) {
                throw new AssertionError("the event at " + entry.partition() + "@" + entry.offset() + " does not open: "
                        + entry.opened().outcome());
            }
            if (entry.opened().readable()) {
                try {
                    events.add(new Logged(
                            entry.partition(),
                            entry.offset(),
                            entry.opened().recordKey(),
                            codec.decodeEvent(entry.opened().content())));
                } catch (CaseEventCodec.UndecodableEventException e) {
                    throw new AssertionError("an opened event does not decode: " + e.getMessage());
                }
            }
        }
        return events;
    }

    /**
     * The records of the events topic and its rejects topic as text (UTF-8), for searches of the
     * log for what must not be in it: each record's key as stored, then its content: the value as
     * stored when it is not sealed, the content it opened to when it is (a sealed value's other
     * bytes are a random IV, that content encrypted, and a tag). Fails on a record that does not
     * open, whose content could not be searched, and on an events topic with no record, where a
     * search would find nothing for want of anything to search.
     */
    public static String searchableText(String bootstrapServers, String eventsTopic) {
        List<Entry> events = entries(bootstrapServers, eventsTopic);
        assertThat(events).as("records of " + eventsTopic).isNotEmpty();
        StringBuilder text = new StringBuilder();
        for (List<Entry> records : List.of(events, rejectEntries(bootstrapServers, eventsTopic))) {
            for (Entry entry : records) {
                if (entry.key() != null) {
                    text.append(new String(entry.key(), StandardCharsets.UTF_8)).append('\n');
                }
                if (entry.opened().readable()) {
                    text.append(new String(entry.opened().content(), StandardCharsets.UTF_8))
                            .append('\n');
                } else if (entry.opened().outcome() != LogRecordOpener.Outcome.ERASURE) {
                    throw new AssertionError("the record at " + entry.partition() + "@" + entry.offset()
                            + " does not open: " + entry.opened().outcome());
                }
            }
        }
        return text.toString();
    }

    /** The record keys each case's events are under, by her pseudonym: one each, while her key lives. */
    public static Map<String, Set<String>> recordKeysByCase(List<Logged> events) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Logged logged : events) {
            keys.computeIfAbsent(logged.event().getCasePseudonym(), p -> new TreeSet<>())
                    .add(logged.recordKey());
        }
        return keys;
    }

    /**
     * Fails unless the log is keyed as sealing keys it: every record that names a case, event or
     * reject, is under her one record key, which is not her pseudonym and is no other case's, and
     * no case's pseudonym is anywhere in a record's key or stored value, of either topic.
     */
    public static void assertKeyedByRecordKeys(String bootstrapServers, String eventsTopic) {
        Map<String, Set<String>> keys = recordKeysByCase(events(bootstrapServers, eventsTopic));
        for (Reject reject : keyedRejects(bootstrapServers, eventsTopic)) {
            String pseudonym = reject.reject().getCasePseudonym();
            if (pseudonym == null) {
                assertThat(reject.recordKey())
                        .as("key of the reject at %d@%d, which names no case", reject.partition(), reject.offset())
                        .isNull();
            } else {
                keys.computeIfAbsent(pseudonym, p -> new TreeSet<>()).add(reject.recordKey());
            }
        }
        assertThat(keys).as("cases in " + eventsTopic).isNotEmpty();
        keys.forEach((pseudonym, recordKeys) -> assertThat(recordKeys)
                .as("record keys of one case's events and rejects")
                .singleElement()
                .asString()
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(pseudonym));
        assertThat(keys.values().stream().flatMap(Set::stream).distinct().count())
                .as("distinct record keys, one per case")
                .isEqualTo(keys.size());
        Map<String, List<Entry>> stored = Map.of(
                eventsTopic,
                entries(bootstrapServers, eventsTopic),
                EventLogTopics.rejectedFor(eventsTopic),
                rejectEntries(bootstrapServers, eventsTopic));
        stored.forEach((topic, records) -> {
            for (Entry entry : records) {
                String raw = entry.rawText();
                for (String pseudonym : keys.keySet()) {
                    if (raw.contains(pseudonym)) {
                        throw new AssertionError("a pseudonym is in the stored key or value of " + topic
                                + "'s record at " + entry.partition() + "@" + entry.offset());
                    }
                }
            }
        });
    }

    public static List<RejectedRecord> rejects(String bootstrapServers, String eventsTopic) {
        return keyedRejects(bootstrapServers, eventsTopic).stream()
                .map(Reject::reject)
                .toList();
    }

    /** The rejects, in partition and offset order; fails on one that does not open. */
    public static List<Reject> keyedRejects(String bootstrapServers, String eventsTopic) {
        CaseEventCodec codec = new CaseEventCodec();
        List<Reject> rejects = new ArrayList<>();
        for (Entry entry : rejectEntries(bootstrapServers, eventsTopic)) {
            if (!entry.opened().readable()) {
                throw new AssertionError("the reject at " + entry.partition() + "@" + entry.offset()
                        + " does not open: " + entry.opened().outcome());
            }
            try {
                rejects.add(new Reject(
                        entry.partition(),
                        entry.offset(),
                        entry.opened().recordKey(),
                        codec.decodeRejected(entry.opened().content())));
            } catch (CaseEventCodec.UndecodableEventException e) {
                throw new AssertionError("an opened reject does not decode: " + e.getMessage());
            }
        }
        return rejects;
    }

    private static List<Entry> entries(
            String bootstrapServers, String eventsTopic, String topic, SealedRecord.Kind kind, int limit) {
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
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.currentTimeMillis() + 60_000;
                while (entries.size() < limit && consumer.position(partition) < end.get(partition)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError("cannot read " + partition + " to its end within 60 s");
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.offset() < end.get(partition) && entries.size() < limit) {
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
