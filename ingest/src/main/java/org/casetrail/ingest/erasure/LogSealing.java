package org.casetrail.ingest.erasure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.publish.CaseKeyRing;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.ingest.publish.TopicToEnd;
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

    private static final Duration REACH_TIMEOUT = TopicToEnd.REACH_TIMEOUT;
    private static final String CLIENT_ID = "casetrail-log-seal";

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
        try (KafkaConsumer<byte[], byte[]> consumer = TopicToEnd.consumer(bootstrapServers, CLIENT_ID)) {
            List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(fromTopic);
            if (infos == null || infos.isEmpty()) {
                throw new IngestException("topic " + fromTopic + " does not exist at " + bootstrapServers);
            }
            return infos.size();
        } catch (TimeoutException e) {
            throw TopicToEnd.unreachable(bootstrapServers);
        }
    }

    public Outcome into(EventLogWriter log) {
        CaseKeyRing oldKeys = CaseKeyTopic.read(bootstrapServers, EventLogTopics.caseKeysFor(fromTopic));
        CaseEventCodec codec = new CaseEventCodec();
        LogRecordOpener opener = new LogRecordOpener();
        Set<String> cases = new HashSet<>();
        long[] counts = new long[3];
        TopicToEnd.read(bootstrapServers, fromTopic, CLIENT_ID, record -> {
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
        TopicToEnd.read(bootstrapServers, EventLogTopics.rejectedFor(fromTopic), CLIENT_ID, record -> {
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

    /** Whether a topic exists and holds any record. */
    public static long recordsIn(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = TopicToEnd.consumer(bootstrapServers, CLIENT_ID)) {
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
            throw TopicToEnd.unreachable(bootstrapServers);
        }
    }
}
