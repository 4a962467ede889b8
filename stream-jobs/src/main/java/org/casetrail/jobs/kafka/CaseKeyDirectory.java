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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 *
 * <p>The whole topic is read once per read of the log in a JVM ({@link SharedPerRead}), and its
 * keys are shared by the source subtasks there. A key erased while the job runs (its erasure
 * marker or its tombstone read by any of them) leaves the shared keys at once, so the process
 * holds an erased woman's key no longer than it did with a map of its own per subtask.
 */
final class CaseKeyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CaseKeyDirectory.class);
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final SharedPerRead<Loaded> LOADED = new SharedPerRead<>();

    /**
     * The keys of the topic, as read when a read of the log began and then by each subtask's later
     * reads, and where in each partition that first reading stopped.
     */
    private record Loaded(Map<String, CaseDataKey> keys, Map<TopicPartition, Long> end) {}

    private final String bootstrapServers;
    private final String keysTopic;
    private final Loaded loaded;
    /** Record keys without a key: erased (its tombstone or erasure read here), or asked for in vain. */
    private final Set<String> none = new HashSet<>();

    private final ConsumerHolder holder = new ConsumerHolder();
    private final Malformed malformed;

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

    /** Records of the topic that are no case key: said once in the log, then only counted. */
    private static final class Malformed {
        private final String keysTopic;
        private long seen;

        Malformed(String keysTopic) {
            this.keysTopic = keysTopic;
        }

        void add(IllegalArgumentException e) {
            // Not ours to decide on: its records will count as having no data key.
            if (seen++ == 0) {
                LOG.warn(
                        "{} holds a record that is no case key ({}); its records are skipped",
                        keysTopic,
                        e.getMessage());
            }
        }
    }

    /** @param readId the same for every source subtask of one read of the log */
    CaseKeyDirectory(String bootstrapServers, String keysTopic, String readId) {
        this.bootstrapServers = bootstrapServers;
        this.keysTopic = keysTopic;
        this.malformed = new Malformed(keysTopic);
        CLEANER.register(this, holder);
        this.loaded = LOADED.get(readId, () -> load(bootstrapServers, keysTopic));
    }

    /** The key sealing a record key's records, or null when the topic does not hold it (any more). */
    CaseDataKey keyFor(String recordKey) {
        if (none.contains(recordKey)) {
            return null;
        }
        CaseDataKey key = loaded.keys().get(recordKey);
        if (key != null) {
            return key;
        }
        readMore();
        key = loaded.keys().get(recordKey);
        if (key == null) {
            none.add(recordKey);
        }
        return key;
    }

    /** Drops a key on reading an erasure, before its tombstone is read. */
    void forget(String recordKey) {
        loaded.keys().remove(recordKey);
        none.add(recordKey);
    }

    /** The whole topic, from its beginning to its end as it is now. */
    private static Loaded load(String bootstrapServers, String keysTopic) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, keysTopic);
        if (consumer == null) {
            return new Loaded(new ConcurrentHashMap<>(), Map.of());
        }
        try {
            consumer.seekToBeginning(consumer.assignment());
            Map<String, CaseDataKey> keys = new ConcurrentHashMap<>();
            Malformed malformed = new Malformed(keysTopic);
            readToEnd(consumer, bootstrapServers, keysTopic, record -> take(record, keys, null, malformed));
            Map<TopicPartition, Long> end = new HashMap<>();
            for (TopicPartition partition : consumer.assignment()) {
                end.put(partition, consumer.position(partition));
            }
            return new Loaded(keys, Map.copyOf(end));
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    /** What the topic gained since the shared load, into the shared keys. */
    private void readMore() {
        KafkaConsumer<byte[], byte[]> consumer = holder.consumer;
        if (consumer == null) {
            consumer = consumer(bootstrapServers, keysTopic);
            if (consumer == null) {
                return;
            }
            for (TopicPartition partition : consumer.assignment()) {
                Long from = loaded.end().get(partition);
                if (from == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, from);
                }
            }
            holder.consumer = consumer;
        }
        readToEnd(consumer, bootstrapServers, keysTopic, record -> take(record, loaded.keys(), none, malformed));
    }

    /**
     * One record of the topic into {@code keys}: a key, or a tombstone taking one out. {@code none},
     * when given, learns which record keys have lost their key or gained one.
     */
    private static void take(
            ConsumerRecord<byte[], byte[]> record,
            Map<String, CaseDataKey> keys,
            Set<String> none,
            Malformed malformed) {
        String recordKey = new String(record.key(), StandardCharsets.US_ASCII);
        if (record.value() == null) {
            keys.remove(recordKey);
            if (none != null) {
                none.add(recordKey);
            }
            return;
        }
        try {
            keys.put(recordKey, CaseKeyRecord.key(recordKey, record.value()));
            if (none != null) {
                none.remove(recordKey);
            }
        } catch (IllegalArgumentException e) {
            malformed.add(e);
        }
    }

    private static void readToEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            String bootstrapServers,
            String keysTopic,
            Consumer<ConsumerRecord<byte[], byte[]>> read) {
        try {
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
                    if (record.key() != null) {
                        read.accept(record);
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new JobException("cannot read the case keys of " + keysTopic + " at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s; is the broker running?");
        }
    }

    /** Assigned to every partition of the topic, positioned by the caller; null while the topic does not exist. */
    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String keysTopic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "casetrail-job-case-keys");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.listTopics(REACH_TIMEOUT).get(keysTopic);
            if (infos == null || infos.isEmpty()) {
                consumer.close(Duration.ZERO);
                return null;
            }
            consumer.assign(infos.stream()
                    .map(p -> new TopicPartition(keysTopic, p.partition()))
                    .toList());
            return consumer;
        } catch (TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new JobException("cannot read the case keys of " + keysTopic + " at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s; is the broker running?");
        }
    }
}
