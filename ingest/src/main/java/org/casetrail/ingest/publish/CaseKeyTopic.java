package org.casetrail.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The case-keys topic beside an event log (docs/erasure.md): compacted, one partition, so that a
 * tombstone destroys a woman's data key and compaction then removes its bytes from the brokers'
 * disks within a bounded time.
 */
public final class CaseKeyTopic {

    /** Segments roll this often (on the next append), so a destroyed key soon leaves the active segment. */
    public static final Duration SEGMENT_TIME = Duration.ofMinutes(1);

    /** How long a tombstone, which names only a record key, stays for readers to see it. */
    public static final Duration TOMBSTONE_TIME = Duration.ofDays(1);

    /** The record key of the tombstone {@code casetrail erase} appends to roll the topic's segment. */
    public static final String ROLL_KEY = "~roll";

    private CaseKeyTopic() {}

    /** The topic's settings: compaction that reaches every destroyed key within minutes. */
    public static Map<String, String> settings() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG,
                "" + SEGMENT_TIME.toMillis(),
                TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                "" + SEGMENT_TIME.toMillis(),
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG,
                "0.01",
                TopicConfig.DELETE_RETENTION_MS_CONFIG,
                "" + TOMBSTONE_TIME.toMillis(),
                TopicConfig.FILE_DELETE_DELAY_MS_CONFIG,
                "60000",
                // Keys are random bytes: compression gains nothing, and keeps nothing from the checks of the disks.
                TopicConfig.COMPRESSION_TYPE_CONFIG,
                "uncompressed");
    }

    /** Reads the whole topic, from its beginning to its end as the read starts, into a key ring. */
    public static CaseKeyRing read(String bootstrapServers, String keysTopic) {
        CaseKeyRing ring = new CaseKeyRing();
        TopicToEnd.read(bootstrapServers, keysTopic, "casetrail-case-keys", record -> {
            if (record.key() != null) {
                String recordKey = new String(record.key(), StandardCharsets.US_ASCII);
                if (!ROLL_KEY.equals(recordKey)) {
                    ring.read(recordKey, record.value());
                }
            }
        });
        return ring;
    }

    /**
     * A producer for key records and their tombstones: every one acknowledged by all in-sync
     * replicas before a record sealed with the key is sent, and none compressed.
     */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A new case's key travels with the next ones in one request: sent one by one, each waiting for every
        // replica, keys held an ingest back more than sealing did. Not much longer, though: her records are held
        // until it is acknowledged, and records held past a young collection are copied by it. A flush, which
        // ingest and erase wait on before anything sealed with the keys is sent, sends at once whatever is lingering.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "casetrail-case-keys");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
