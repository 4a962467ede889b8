package org.casetrail.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.jobs.JobException;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * Fixes what a run reads before it starts, without reading the log: the end offset of every
 * partition (so a release says exactly which log it describes, and a replay of the same offsets
 * gives the same rows) and the key fingerprint of the log's first event, which every other event
 * must carry (the job stops at the first that does not).
 */
public final class EventLogScan {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);

    /** The log's extent and the key its first event was pseudonymized with. */
    public record Result(String topic, Map<Integer, Long> endOffsets, long events, String firstKeyFingerprint) {

        public Map<TopicPartition, Long> stoppingOffsets() {
            return endOffsets.entrySet().stream()
                    .collect(Collectors.toMap(e -> new TopicPartition(topic, e.getKey()), Map.Entry::getValue));
        }

        /** The fingerprint every event must carry; refuses an empty log. */
        public String keyFingerprint() {
            if (firstKeyFingerprint == null) {
                throw new JobException("topic " + topic + " holds no events yet; ingest an export first");
            }
            return firstKeyFingerprint;
        }
    }

    private EventLogScan() {}

    public static Result scan(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "casetrail-scan");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.listTopics(REACH_TIMEOUT).get(topic);
            if (partitions == null || partitions.isEmpty()) {
                throw new JobException(
                        "topic " + topic + " does not exist at " + bootstrapServers + "; ingest an export first");
            }
            List<TopicPartition> all = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, REACH_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, REACH_TIMEOUT);
            Map<Integer, Long> endOffsets = new HashMap<>();
            long events = 0;
            TopicPartition firstNonEmpty = null;
            for (TopicPartition tp : all) {
                endOffsets.put(tp.partition(), end.get(tp));
                events += end.get(tp) - begin.get(tp);
                if (firstNonEmpty == null && end.get(tp) > begin.get(tp)) {
                    firstNonEmpty = tp;
                }
            }
            return new Result(
                    topic,
                    Map.copyOf(endOffsets),
                    events,
                    firstNonEmpty == null ? null : firstFingerprint(consumer, firstNonEmpty));
        } catch (TimeoutException e) {
            throw new JobException("cannot reach Kafka at " + bootstrapServers + " within " + REACH_TIMEOUT.toSeconds()
                    + " s; is the broker running?");
        }
    }

    /**
     * The fingerprint on the first record that has one: a sealed event carries it in a header (it
     * names the key, which is the same for every event), an unsealed one in its content.
     */
    private static String firstFingerprint(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long deadline = System.nanoTime() + REACH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                Header header = record.headers().lastHeader(EventLogTopics.FINGERPRINT_HEADER);
                if (header != null) {
                    return new String(header.value(), StandardCharsets.US_ASCII);
                }
                if (SealedRecord.kindOf(record.value()) == SealedRecord.Kind.PLAIN_EVENT) {
                    try {
                        return new CaseEventCodec().decodeEvent(record.value()).getKeyFingerprint();
                    } catch (CaseEventCodec.UndecodableEventException e) {
                        throw new JobException(
                                "record at " + tp + " offset " + record.offset() + " is " + e.getMessage());
                    }
                }
            }
        }
        throw new JobException("cannot read the first event of " + tp + " within " + REACH_TIMEOUT.toSeconds() + " s");
    }
}
