package org.casetrail.jobs.kafka;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.jobs.JobException;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;

/**
 * Fixes what a replay reads before it starts: the end offset of every partition (so the release
 * says exactly which log it describes, and a replay of the same offsets gives the same rows), the
 * latest event date (the default as_of) and the key fingerprints (a log mixing two keys is refused
 * before any work is done).
 */
public final class EventLogScan {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);

    /** What the log held up to the fixed offsets. */
    public record Result(String topic, Map<Integer, Long> endOffsets, long events, LocalDate latestOccurredOn,
                         Set<String> keyFingerprints) {

        public Map<TopicPartition, Long> stoppingOffsets() {
            return endOffsets.entrySet().stream()
                    .collect(Collectors.toMap(e -> new TopicPartition(topic, e.getKey()), Map.Entry::getValue));
        }

        /** The single key fingerprint of the log; refuses a log with none or with several. */
        public String keyFingerprint() {
            if (keyFingerprints.size() > 1) {
                throw new JobException("topic " + topic + " mixes events pseudonymized with different keys (fingerprints "
                        + String.join(", ", keyFingerprints) + "); their pseudonyms cannot be joined. "
                        + "Re-ingest every export with one key into a new topic.");
            }
            if (keyFingerprints.isEmpty()) {
                throw new JobException("topic " + topic + " holds no events yet; ingest an export first");
            }
            return keyFingerprints.iterator().next();
        }
    }

    private EventLogScan() {
    }

    public static Result scan(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "casetrail-scan");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        CaseEventCodec codec = new CaseEventCodec();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(REACH_TIMEOUT);
            List<PartitionInfo> partitions = topics.get(topic);
            if (partitions == null || partitions.isEmpty()) {
                throw new JobException("topic " + topic + " does not exist at " + bootstrapServers + "; ingest an export first");
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, REACH_TIMEOUT);
            Map<Integer, Long> endOffsets = new HashMap<>();
            end.forEach((tp, offset) -> endOffsets.put(tp.partition(), offset));

            long events = 0;
            LocalDate latest = null;
            Set<String> fingerprints = new TreeSet<>();
            Set<TopicPartition> remaining = new java.util.HashSet<>();
            for (TopicPartition tp : assigned) {
                if (consumer.position(tp, REACH_TIMEOUT) < end.get(tp)) {
                    remaining.add(tp);
                }
            }
            while (!remaining.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue;
                    }
                    CaseEvent event;
                    try {
                        event = codec.decodeEvent(record.value());
                    } catch (CaseEventCodec.UndecodableEventException e) {
                        throw new JobException("record at " + tp + " offset " + record.offset() + " is " + e.getMessage());
                    }
                    events++;
                    fingerprints.add(event.getKeyFingerprint());
                    if (latest == null || event.getOccurredOn().isAfter(latest)) {
                        latest = event.getOccurredOn();
                    }
                }
                // Positions, not record offsets: transaction markers take offsets that hold no record.
                remaining.removeIf(tp -> consumer.position(tp, REACH_TIMEOUT) >= end.get(tp));
            }
            return new Result(topic, Map.copyOf(endOffsets), events, latest, fingerprints);
        } catch (TimeoutException e) {
            throw new JobException("cannot reach Kafka at " + bootstrapServers + " within " + REACH_TIMEOUT.toSeconds()
                    + " s; is the broker running?");
        }
    }
}
