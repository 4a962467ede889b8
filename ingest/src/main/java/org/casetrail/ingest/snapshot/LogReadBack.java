package org.casetrail.ingest.snapshot;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.publish.CaseKeyRing;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * Reads the event log back, from its beginning to its end as the read starts, into what it holds of
 * a snapshot's sources: the comparison's state is the log itself, so it survives restarts and is
 * the same from any machine. A plain consumer that joins no group and commits nothing, with large
 * fetches; what the comparison needs of each event is read straight from its bytes, on this thread.
 */
public final class LogReadBack {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    /** With no record for this long, the broker is taken to have stopped answering. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How much of the log was read, and how long it took.
     *
     * @param unreadable records that hold no event this read can open: erased women's, a crashed
     *     ingest's whose key never arrived, tampered ones; and erasures
     */
    public record Read(long events, long eventsOfSources, int records, long unreadable, double seconds) {}

    private LogReadBack() {}

    /** @param keys the data keys of the log's cases, to open its sealed events with */
    public static Read into(LogHoldings held, String bootstrapServers, String topic, CaseKeyRing keys) {
        long started = System.nanoTime();
        long events = 0;
        long unreadable = 0;
        LogRecordOpener opener = new LogRecordOpener();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                settings(bootstrapServers), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(topic);
            if (infos == null || infos.isEmpty()) {
                return new Read(0, 0, 0, 0, seconds(started));
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, REACH_TIMEOUT));
            long lastProgress = System.nanoTime();
            while (!reachedEnd(consumer, end)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new IngestException("Kafka at " + bootstrapServers + " stopped answering while the snapshot"
                            + " was compared with topic " + topic + "; nothing was written. Run the same ingest again");
                }
                for (TopicPartition partition : batch.partitions()) {
                    long stop = end.get(partition);
                    for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                        // Records appended since the read began are not part of the log it compares with.
                        if (record.offset() < stop) {
                            events++;
                            LogRecordOpener.Opened opened = opener.open(
                                    SealedRecord.Kind.EVENT,
                                    record.key(),
                                    record.value(),
                                    k -> keys.forRecordKey(k).orElse(null));
                            if (opened.readable()) {
                                add(held, record, opened.content());
                            } else {
                                // Not held: a record of it still in the snapshot is written again, under a key that
                                // exists.
                                unreadable++;
                            }
                        }
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IngestException("cannot reach Kafka at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s; is the broker running?");
        }
        return new Read(events, held.eventsOfSources(), held.records(), unreadable, seconds(started));
    }

    private static void add(LogHoldings held, ConsumerRecord<byte[], byte[]> record, byte[] event) {
        try {
            held.add(record.offset(), event);
        } catch (IngestException e) {
            throw new IngestException("cannot compare the snapshot with topic " + record.topic() + ": partition "
                    + record.partition() + ", offset " + record.offset() + ": " + e.getMessage());
        }
    }

    /** Stops fetching from every partition read to its end, and says whether all are. */
    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        boolean all = true;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                all = false;
            } else if (!consumer.paused().contains(partition.getKey())) {
                consumer.pause(List.of(partition.getKey()));
            }
        }
        return all;
    }

    private static Properties settings(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "casetrail-snapshot");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        // Whole partitions in few round trips: the read is bound by decoding, not by waiting for fetches.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return props;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
