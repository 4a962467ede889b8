package org.casetrail.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * Appends events to the Kafka event log with an idempotent producer ({@code acks=all}), each sealed
 * with its case's data key and keyed by the record key derived from that key, so that a case's
 * events stay in one partition and nothing outside the sealed value names her (docs/erasure.md).
 * Rejects that name a case are sealed the same way. A case new to the log gets a data key, written
 * to the case-keys topic; its records are held back until the key is acknowledged there, so a
 * reader never meets a sealed record whose key is still on its way.
 */
public final class KafkaEventLogWriter implements EventLogWriter {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    private static final int BATCH_BYTES = 256 * 1024;
    /** Records of new cases held back at most, before the writer waits for their keys. */
    private static final int HELD_RECORDS = 50_000;
    /** Records held back together, let go together once their keys are acknowledged. */
    private static final int HELD_GENERATION = 2_048;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final String rejectedTopic;
    private final String bootstrapServers;
    private final String keysTopic;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final CaseKeyRing keys;
    private final KafkaProducer<byte[], byte[]> keyProducer;
    private final SealedRecord sealing = new SealedRecord();
    /** The records of cases whose key is not yet known to be acknowledged, in the order they came. */
    private final RecordsAwaitingKeys<ProducerRecord<byte[], byte[]>> held =
            new RecordsAwaitingKeys<>(HELD_GENERATION, HELD_RECORDS);
    /** {@link #send}, made once: it is handed to {@link #held} for every record. */
    private final Consumer<ProducerRecord<byte[], byte[]>> sender = this::send;

    private KafkaEventLogWriter(String bootstrapServers, String eventsTopic, int largestBatchAccepted) {
        this.bootstrapServers = bootstrapServers;
        this.eventsTopic = eventsTopic;
        this.rejectedTopic = EventLogTopics.rejectedFor(eventsTopic);
        this.keysTopic = EventLogTopics.caseKeysFor(eventsTopic);
        this.keys = CaseKeyTopic.read(bootstrapServers, keysTopic);
        this.producer = new KafkaProducer<>(
                producerSettings(bootstrapServers, largestBatchAccepted),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.keyProducer = CaseKeyTopic.producer(bootstrapServers);
        awaitLeaders(List.of(eventsTopic, rejectedTopic, keysTopic));
    }

    /** The data keys of the log's cases, as read when the writer opened and as it has made since. */
    public CaseKeyRing keys() {
        return keys;
    }

    /**
     * Waits until the producer sees a leader for every partition of the topics. A first batch sent
     * to a partition of a topic just created can be refused while its leader loads; the idempotent
     * producer then sends later batches first, and the broker refuses the first one's retry as out
     * of order until the delivery timeout ends the run.
     */
    private void awaitLeaders(List<String> topics) {
        long deadline = System.nanoTime() + REACH_TIMEOUT.toNanos();
        for (String topic : topics) {
            while (producer.partitionsFor(topic).stream()
                    .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    producer.close(Duration.ZERO);
                    keyProducer.close(Duration.ZERO);
                    throw new IngestException("Kafka at " + bootstrapServers + " has no leader for every partition of "
                            + topic + " after " + REACH_TIMEOUT.toSeconds() + " s; is every broker up?");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IngestException("interrupted while connecting to Kafka");
                }
            }
        }
    }

    /**
     * The producer settings of every ingest run. Public so that the throughput bench's plain
     * producer, its baseline, sends with exactly these and nothing else.
     */
    public static Properties producerSettings(String bootstrapServers) {
        return producerSettings(bootstrapServers, Integer.MAX_VALUE);
    }

    /** The same, for topics that take batches of at most {@code largestBatchAccepted} bytes. */
    static Properties producerSettings(String bootstrapServers, int largestBatchAccepted) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // Kafka 4.1's producer splits a batch the topic refuses back into batches of batch.size, forever,
        // until its network thread overflows its stack and every later send waits for good (KAFKA-8350).
        // Batches no bigger than the topics take never get there; a record too big on its own is refused.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Math.min(BATCH_BYTES, largestBatchAccepted));
        // A full send buffer waits for a slow broker this long before the run gives up.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "casetrail-ingest");
        return props;
    }

    /**
     * Connects to the cluster, creating the events topic (kept forever) and its reject topic when
     * they do not exist yet.
     */
    public static KafkaEventLogWriter open(String bootstrapServers, String eventsTopic, int partitions) {
        return new KafkaEventLogWriter(
                bootstrapServers, eventsTopic, ensureTopics(bootstrapServers, eventsTopic, partitions));
    }

    /** Makes the events topic and its reject topic exist; returns the largest batch, in bytes, both accept. */
    public static int ensureTopics(String bootstrapServers, String eventsTopic, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            // The event log is the system of record: never delete by time or size.
            Map<String, String> keepForever =
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
            for (String topic : List.of(eventsTopic, EventLogTopics.rejectedFor(eventsTopic))) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(keepForever));
                }
            }
            String keysTopic = EventLogTopics.caseKeysFor(eventsTopic);
            if (!existing.contains(keysTopic)) {
                missing.add(new NewTopic(keysTopic, Optional.of(1), Optional.empty()).configs(CaseKeyTopic.settings()));
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> topics = List.of(
                    eventsTopic, EventLogTopics.rejectedFor(eventsTopic), EventLogTopics.caseKeysFor(eventsTopic));
            awaitWritable(admin, topics);
            return largestBatchAccepted(admin, topics);
        } catch (TimeoutException e) {
            throw new IngestException("cannot reach Kafka at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s; is the broker running? (casetrail broker --data-dir DIR)");
        } catch (ExecutionException e) {
            throw new IngestException("Kafka at " + bootstrapServers + " refused to set up topic " + eventsTopic + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while connecting to Kafka");
        }
    }

    /**
     * Waits until the leader of every partition of the topics answers for it. A topic just created
     * is in the cluster's metadata before its leader has loaded every partition; a first batch sent
     * in between is refused, and the idempotent producer can then land a later batch first, after
     * which the broker refuses the first one's retry as out of order until the delivery timeout
     * ends the run. Asking each leader for its partition's end offset succeeds only once it holds it.
     */
    private static void awaitWritable(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        long deadline = System.nanoTime() + REACH_TIMEOUT.toNanos();
        for (String topic : topics) {
            TopicDescription description = null;
            while (description == null) {
                try {
                    description = admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
            description
                    .partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        while (true) {
            try {
                admin.listOffsets(ends).all().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static int largestBatchAccepted(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs = null;
        long deadline = System.nanoTime() + REACH_TIMEOUT.toNanos();
        while (configs == null) {
            try {
                configs = admin.describeConfigs(resources).all().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // A topic just created is known to the controller before every broker has it; the
                // admin client does not retry a config lookup on a broker that has not caught up yet.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
        int largest = Integer.MAX_VALUE;
        for (Config config : configs.values()) {
            ConfigEntry limit = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (limit != null && limit.value() != null) {
                largest = Math.min(largest, Integer.parseInt(limit.value()));
            }
        }
        return largest;
    }

    @Override
    public void append(CaseEvent event) {
        String pseudonym = event.getCasePseudonym();
        CaseDataKey key = keyOf(pseudonym);
        byte[] recordKey = key.recordKeyBytes();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                eventsTopic,
                null,
                recordKey,
                sealing.seal(key, SealedRecord.Kind.EVENT, recordKey, CaseEventCodec.encode(event)),
                List.<Header>of(new RecordHeader(
                        EventLogTopics.FINGERPRINT_HEADER,
                        event.getKeyFingerprint().getBytes(StandardCharsets.US_ASCII))));
        sendOrHold(pseudonym, record);
    }

    @Override
    public void reject(RejectedRecord reject) {
        String pseudonym = reject.getCasePseudonym();
        if (pseudonym == null) {
            send(new ProducerRecord<>(rejectedTopic, null, CaseEventCodec.encode(reject)));
            return;
        }
        CaseDataKey key = keyOf(pseudonym);
        byte[] recordKey = key.recordKeyBytes();
        sendOrHold(
                pseudonym,
                new ProducerRecord<>(
                        rejectedTopic,
                        recordKey,
                        sealing.seal(key, SealedRecord.Kind.REJECT, recordKey, CaseEventCodec.encode(reject))));
    }

    /** The case's data key; a case new to the log gets one, sent to the case-keys topic now. */
    private CaseDataKey keyOf(String casePseudonym) {
        var known = keys.keyOf(casePseudonym);
        if (known.isPresent()) {
            return known.get();
        }
        CaseDataKey key = keys.create(casePseudonym);
        failIfSendFailed();
        RecordsAwaitingKeys.Generation<?> waiting = held.keySent(casePseudonym);
        keyProducer.send(
                new ProducerRecord<>(keysTopic, key.recordKeyBytes(), keys.recordOf(casePseudonym, key)),
                (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                    // After the failure is recorded: its records must not go out as if the key had.
                    waiting.keyAnswered();
                });
        return key;
    }

    private void sendOrHold(String casePseudonym, ProducerRecord<byte[], byte[]> record) {
        held.releaseAnswered(sender);
        if (!held.holds(casePseudonym)) {
            send(record);
            return;
        }
        held.hold(casePseudonym, record);
        if (held.full()) {
            confirmKeys();
        }
    }

    /** Waits until every key sent is acknowledged, then sends the records held back for them, in order. */
    private void confirmKeys() {
        keyProducer.flush();
        failIfSendFailed();
        held.releaseAll(sender);
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        failIfSendFailed();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                }
            });
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IngestException(
                    "Kafka at " + bootstrapServers + " stopped answering; nothing after this "
                            + "point was written. Re-run the same ingest once it is back: events already written are not counted twice.");
        }
    }

    @Override
    public void flush() {
        confirmKeys();
        producer.flush();
        failIfSendFailed();
    }

    private void failIfSendFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            // Kafka's own words say which of its limits ran out; they name topics and timings, never a record's
            // content.
            throw new IngestException(
                    "writing to Kafka at " + bootstrapServers + " failed ("
                            + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                            + "). Re-run the same ingest: events already written are not counted twice.",
                    failure);
        }
    }

    @Override
    public void close() {
        keyProducer.close(Duration.ofSeconds(30));
        producer.close(Duration.ofSeconds(30));
    }
}
