package org.casetrail.jobs.kafka;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.jobs.JobException;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.CaseKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data keys of the case-keys topic, by record key, as a job's source reads them: the whole
 * topic when it opens, then again from where it stopped whenever it meets a record key it does not
 * know. Ingest writes a case's key, acknowledged, before any record sealed with it, so a key still
 * unknown after that second read is gone for good: the source asks for it once only.
 */
final class CaseKeyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CaseKeyDirectory.class);
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Cleaner CLEANER = Cleaner.create();

    private final String bootstrapServers;
    private final String keysTopic;
    private final Map<String, CaseDataKey> keys = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final ConsumerHolder holder = new ConsumerHolder();
    private long malformed;

    /** The consumer, closed once nothing refers to the directory (a deserializer has no close). */
    private static final class ConsumerHolder implements Runnable {
        KafkaConsumer<byte[], byte[]> consumer;

        @Override
        public void run() {
            if (consumer != null) {
                consumer.close(Duration.ZERO);
            }
        }
    }

    CaseKeyDirectory(String bootstrapServers, String keysTopic) {
        this.bootstrapServers = bootstrapServers;
        this.keysTopic = keysTopic;
        CLEANER.register(this, holder);
        readToEnd();
    }

    /** The key sealing a record key's records, or null when the topic does not hold it (any more). */
    CaseDataKey keyFor(String recordKey) {
        CaseDataKey key = keys.get(recordKey);
        if (key != null || missing.contains(recordKey)) {
            return key;
        }
        readToEnd();
        key = keys.get(recordKey);
        if (key == null) {
            missing.add(recordKey);
        }
        return key;
    }

    /** Drops a key on reading an erasure, before its tombstone is read. */
    void forget(String recordKey) {
        keys.remove(recordKey);
        missing.add(recordKey);
    }

    private void readToEnd() {
        try {
            KafkaConsumer<byte[], byte[]> consumer = consumer();
            if (consumer == null) {
                return;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), REACH_TIMEOUT);
            long lastProgress = System.nanoTime();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new JobException("Kafka at " + bootstrapServers + " stopped answering while the case keys of "
                            + keysTopic + " were read");
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    read(record);
                }
            }
        } catch (TimeoutException e) {
            throw new JobException("cannot read the case keys of " + keysTopic + " at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s; is the broker running?");
        }
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String recordKey = new String(record.key(), StandardCharsets.US_ASCII);
        if (record.value() == null) {
            keys.remove(recordKey);
            return;
        }
        try {
            keys.put(recordKey, CaseKeyRecord.key(recordKey, record.value()));
            missing.remove(recordKey);
        } catch (IllegalArgumentException e) {
            // Not ours to decide on: its records will count as having no data key.
            if (malformed++ == 0) {
                LOG.warn(
                        "{} holds a record that is no case key ({}); its records are skipped",
                        keysTopic,
                        e.getMessage());
            }
        }
    }

    /** Assigned to every partition of the topic from its beginning; null while the topic does not exist. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        if (holder.consumer != null) {
            return holder.consumer;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "casetrail-job-case-keys");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(keysTopic);
        if (infos == null || infos.isEmpty()) {
            consumer.close(Duration.ZERO);
            return null;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(keysTopic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        holder.consumer = consumer;
        return consumer;
    }
}
