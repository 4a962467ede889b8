package org.casetrail.ingest.erasure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.publish.CaseKeyRing;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * Converts a log written before sealing (docs/erasure.md, "Converting a plain log"): every event
 * and reject of the old topics, read partition by partition in their order, is written to a new
 * log through the writer, which seals each with its case's data key. A case's events are in one
 * partition of the old log and stay in one of the new, in the same order, so the latest version of
 * a record is still the latest and a replay of the new log makes the same tables. Records of the
 * old log that are already sealed are carried over when their key still exists; erasures and
 * records whose key is gone are left behind, and counted.
 */
public final class LogSealing {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    /** What was carried over, and what was left behind. */
    public record Outcome(long events, long rejects, int cases, long leftBehind) {}

    private final String bootstrapServers;
    private final String fromTopic;

    public LogSealing(String bootstrapServers, String fromTopic) {
        this.bootstrapServers = bootstrapServers;
        this.fromTopic = fromTopic;
    }

    /** How many partitions the old events topic has; refuses one that does not exist. */
    public int partitions() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(fromTopic);
            if (infos == null || infos.isEmpty()) {
                throw new IngestException("topic " + fromTopic + " does not exist at " + bootstrapServers);
            }
            return infos.size();
        } catch (TimeoutException e) {
            throw unreachable();
        }
    }

    public Outcome into(EventLogWriter log) {
        CaseKeyRing oldKeys = CaseKeyTopic.read(bootstrapServers, EventLogTopics.caseKeysFor(fromTopic));
        CaseEventCodec codec = new CaseEventCodec();
        LogRecordOpener opener = new LogRecordOpener();
        Set<String> cases = new HashSet<>();
        long[] counts = new long[3];
        read(fromTopic, record -> {
            LogRecordOpener.Opened opened = opener.open(
                    SealedRecord.Kind.EVENT,
                    record.key(),
                    record.value(),
                    k -> oldKeys.forRecordKey(k).orElse(null));
            if (!opened.readable()) {
                counts[2]++;
                return;
            }
            CaseEvent event = decode(() -> codec.decodeEvent(opened.content()), record);
            cases.add(event.getCasePseudonym());
            log.append(event);
            counts[0]++;
        });
        read(EventLogTopics.rejectedFor(fromTopic), record -> {
            LogRecordOpener.Opened opened = opener.open(
                    SealedRecord.Kind.REJECT,
                    record.key(),
                    record.value(),
                    k -> oldKeys.forRecordKey(k).orElse(null));
            if (!opened.readable()) {
                counts[2]++;
                return;
            }
            log.reject(decode(() -> codec.decodeRejected(opened.content()), record));
            counts[1]++;
        });
        log.flush();
        return new Outcome(counts[0], counts[1], cases.size(), counts[2]);
    }

    private interface Decoding<T> {
        T run() throws CaseEventCodec.UndecodableEventException;
    }

    private static <T> T decode(Decoding<T> decoding, ConsumerRecord<byte[], byte[]> record) {
        try {
            return decoding.run();
        } catch (CaseEventCodec.UndecodableEventException e) {
            throw new IngestException("record at " + record.topic() + "-" + record.partition() + " offset "
                    + record.offset() + " is " + e.getMessage() + "; nothing after it was converted");
        }
    }

    private interface RecordSink {
        void accept(ConsumerRecord<byte[], byte[]> record);
    }

    /** Every record of the topic up to its end now, partition after partition, each in its order. */
    private void read(String topic, RecordSink sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(topic);
            if (infos == null) {
                return;
            }
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end =
                        consumer.endOffsets(List.of(partition), REACH_TIMEOUT).get(partition);
                long lastProgress = System.nanoTime();
                while (consumer.position(partition) < end) {
                    var batch = consumer.poll(Duration.ofMillis(200));
                    if (!batch.isEmpty()) {
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                        throw new IngestException("Kafka at " + bootstrapServers + " stopped answering while " + topic
                                + " was read; run the conversion again into a new topic");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        if (record.offset() < end) {
                            sink.accept(record);
                        }
                    }
                }
            }
        } catch (TimeoutException e) {
            throw unreachable();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "casetrail-log-seal");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private IngestException unreachable() {
        return new IngestException("cannot reach Kafka at " + bootstrapServers + " within " + REACH_TIMEOUT.toSeconds()
                + " s; is the broker running?");
    }

    /** Whether a topic exists and holds any record. */
    public static long recordsIn(String bootstrapServers, String topic) {
        LogSealing probe = new LogSealing(bootstrapServers, topic);
        try (KafkaConsumer<byte[], byte[]> consumer = probe.consumer()) {
            List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(topic);
            if (infos == null) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, REACH_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, REACH_TIMEOUT);
            return partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        } catch (TimeoutException e) {
            throw probe.unreachable();
        }
    }
}
