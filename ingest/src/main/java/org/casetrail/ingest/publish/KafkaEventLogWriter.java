package org.casetrail.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * Appends events to the Kafka event log with an idempotent producer ({@code acks=all}), keyed by
 * case pseudonym so a case's events stay in one partition, and rejects to the reject topic.
 */
public final class KafkaEventLogWriter implements EventLogWriter {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);
    private static final int BATCH_BYTES = 256 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final String rejectedTopic;
    private final String bootstrapServers;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    private KafkaEventLogWriter(String bootstrapServers, String eventsTopic, int largestBatchAccepted) {
        this.bootstrapServers = bootstrapServers;
        this.eventsTopic = eventsTopic;
        this.rejectedTopic = EventLogTopics.rejectedFor(eventsTopic);
        this.producer = new KafkaProducer<>(
                producerSettings(bootstrapServers, largestBatchAccepted),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        awaitLeaders(List.of(eventsTopic, rejectedTopic));
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
    static int ensureTopics(String bootstrapServers, String eventsTopic, int partitions) {
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
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return largestBatchAccepted(admin, List.of(eventsTopic, EventLogTopics.rejectedFor(eventsTopic)));
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
        send(new ProducerRecord<>(
                eventsTopic,
                event.getCasePseudonym().getBytes(StandardCharsets.US_ASCII),
                CaseEventCodec.encode(event)));
    }

    @Override
    public void reject(RejectedRecord reject) {
        byte[] key = reject.getCasePseudonym() == null
                ? null
                : reject.getCasePseudonym().getBytes(StandardCharsets.US_ASCII);
        send(new ProducerRecord<>(rejectedTopic, key, CaseEventCodec.encode(reject)));
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
        producer.close(Duration.ofSeconds(30));
    }
}
