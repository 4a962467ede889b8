package org.casetrail.ingest.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.publish.CaseKeyRing;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.ingest.publish.KafkaEventLogWriter;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * Erases women from an event log by destroying their data keys (docs/erasure.md): for each, a
 * tombstone of her key in the case-keys topic, acknowledged, then her erasure in the events topic
 * under her record key, so that a running job drops what it holds of her and a replay counts her.
 * In that order: a replay that reads the erasure can no longer open her events. Then, as Kafka
 * rolls a segment only when something is appended to it, one more tombstone once the topic's
 * segment time has passed, so that the segment holding her key becomes one compaction cleans.
 *
 * <p>Nothing it says names a woman: what is counted is cases, and a case not found is given by
 * its position in the list asked for.
 */
public final class CaseErasure {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);

    /**
     * What an erasure did.
     *
     * @param erased the cases whose keys were destroyed
     * @param keysDestroyed their keys (more than one for a case only when two ingests made one at once)
     * @param notFound the positions (1-based) in the list asked for of cases with no key: never ingested
     *     under that source, or already erased
     * @param segmentRolledAfter how long the erasure waited to roll the keys topic's segment
     */
    public record Outcome(int erased, int keysDestroyed, List<Integer> notFound, Duration segmentRolledAfter) {}

    private final String bootstrapServers;
    private final String eventsTopic;
    private final String keysTopic;

    public CaseErasure(String bootstrapServers, String eventsTopic) {
        this.bootstrapServers = bootstrapServers;
        this.eventsTopic = eventsTopic;
        this.keysTopic = EventLogTopics.caseKeysFor(eventsTopic);
    }

    /**
     * @param caseIds the cases' ids as their source knows them; empty ones (blank lines of a file) are skipped
     * @param waitForRoll wait for the keys topic's segment time, then roll its segment; false only where
     *     the caller rolls it later
     */
    public Outcome erase(Pseudonymizer pseudonymizer, String source, List<String> caseIds, boolean waitForRoll) {
        Duration segmentTime = segmentTime();
        CaseKeyRing ring = CaseKeyTopic.read(bootstrapServers, keysTopic);
        List<CaseDataKey> destroyed = new ArrayList<>();
        List<Integer> notFound = new ArrayList<>();
        int erased = 0;
        for (int i = 0; i < caseIds.size(); i++) {
            if (caseIds.get(i).isEmpty()) {
                continue;
            }
            List<CaseDataKey> keys = ring.keysOf(pseudonymizer.casePseudonym(source, caseIds.get(i)));
            if (keys.isEmpty()) {
                notFound.add(i + 1);
            } else {
                erased++;
                destroyed.addAll(keys);
            }
        }
        if (destroyed.isEmpty()) {
            return new Outcome(0, 0, notFound, Duration.ZERO);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> keyProducer = CaseKeyTopic.producer(bootstrapServers)) {
            for (CaseDataKey key : destroyed) {
                keyProducer.send(new ProducerRecord<>(keysTopic, key.recordKeyBytes(), null), remember(failure));
            }
            keyProducer.flush();
            failIfFailed(failure, "destroying the keys");
            try (KafkaProducer<byte[], byte[]> events = new KafkaProducer<>(
                    KafkaEventLogWriter.producerSettings(bootstrapServers),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                // The key fingerprint's header, as on every record casetrail writes under a woman's record key: a
                // reader then counts a changed erasure as tampered instead of stopping on bytes it does not know.
                List<Header> headers = List.of(new RecordHeader(
                        EventLogTopics.FINGERPRINT_HEADER,
                        pseudonymizer.keyFingerprint().getBytes(StandardCharsets.US_ASCII)));
                for (CaseDataKey key : destroyed) {
                    events.send(
                            new ProducerRecord<>(
                                    eventsTopic, null, key.recordKeyBytes(), SealedRecord.erasure(), headers),
                            remember(failure));
                }
                events.flush();
                failIfFailed(failure, "writing the erasures to " + eventsTopic);
            }
            Duration waited = Duration.ZERO;
            if (waitForRoll) {
                waited = segmentTime.plusSeconds(1);
                sleep(waited);
                roll(keyProducer, failure);
            }
            return new Outcome(erased, destroyed.size(), notFound, waited);
        }
    }

    private void roll(KafkaProducer<byte[], byte[]> keyProducer, AtomicReference<Exception> failure) {
        keyProducer.send(
                new ProducerRecord<>(keysTopic, CaseKeyTopic.ROLL_KEY.getBytes(StandardCharsets.US_ASCII), null),
                remember(failure));
        keyProducer.flush();
        failIfFailed(failure, "rolling the segment of " + keysTopic);
    }

    /** The keys topic's segment time, as the brokers apply it; refuses a log that has no keys topic. */
    public Duration segmentTime() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics()
                    .names()
                    .get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(keysTopic)) {
                throw new IngestException("topic " + keysTopic + " does not exist at " + bootstrapServers
                        + ": nothing was ingested into " + eventsTopic + " with sealing (casetrail log seal converts a"
                        + " log written before it)");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, keysTopic);
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(List.of(resource)).all().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ConfigEntry segment = configs.get(resource).get(TopicConfig.SEGMENT_MS_CONFIG);
            return Duration.ofMillis(Long.parseLong(segment.value()));
        } catch (TimeoutException e) {
            throw new IngestException("cannot reach Kafka at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s; is the broker running?");
        } catch (ExecutionException e) {
            throw new IngestException("Kafka at " + bootstrapServers + " refused to describe " + keysTopic + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while connecting to Kafka");
        }
    }

    private static org.apache.kafka.clients.producer.Callback remember(AtomicReference<Exception> failure) {
        return (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        };
    }

    private void failIfFailed(AtomicReference<Exception> failure, String what) {
        Exception e = failure.get();
        if (e != null) {
            throw new IngestException(what + " at " + bootstrapServers + " failed ("
                    + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "). Run the same erase again: a key already destroyed is not"
                    + " found again, and the others are destroyed then.");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while waiting to roll the keys topic's segment");
        }
    }
}
