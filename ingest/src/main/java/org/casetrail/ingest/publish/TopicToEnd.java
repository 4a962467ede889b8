package org.casetrail.ingest.publish;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.ingest.IngestException;

/**
 * Reads a topic from its beginning to its end as the read starts, partition after partition, each
 * in its order: a plain consumer that joins no group and commits nothing. For the case-keys topic
 * and for converting a log; the snapshot read-back, which reads a whole log as fast as it can,
 * reads its partitions at once instead.
 */
public final class TopicToEnd {

    public static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    /** With no record for this long, the broker is taken to have stopped answering. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private TopicToEnd() {}

    /** Hands every record to the sink; a topic that does not exist has none. */
    public static void read(
            String bootstrapServers, String topic, String clientId, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, clientId)) {
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
                        throw new IngestException(
                                "Kafka at " + bootstrapServers + " stopped answering while " + topic + " was read");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        if (record.offset() < end) {
                            sink.accept(record);
                        }
                    }
                }
            }
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers);
        }
    }

    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static IngestException unreachable(String bootstrapServers) {
        return new IngestException("cannot reach Kafka at " + bootstrapServers + " within " + REACH_TIMEOUT.toSeconds()
                + " s; is the broker running?");
    }
}
