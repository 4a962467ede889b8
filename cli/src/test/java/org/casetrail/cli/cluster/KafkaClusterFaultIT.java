package org.casetrail.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.casetrail.cli.CliException;
import org.casetrail.cli.LogContents;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportReader;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.EventLogTopics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Kafka node of a 3-node cluster killed (SIGKILL) while an ingest writes to it: the ingest
 * completes, and the event log holds every accepted record of the export exactly once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KafkaClusterFaultIT {

    private static final String TOPIC = "case-events";
    private static final Pattern SUMMARY = Pattern.compile("read (\\d+), accepted (\\d+), rejected (\\d+)");

    @TempDir
    Path dir;

    @Test
    void ingestSurvivesTheLossOfALeaderNodeWithNothingLostAndNothingTwice() throws Exception {
        // No deliberate duplicates in this export, so every accepted event_id is unique and any
        // repeat in the log is one the cluster or the producer made.
        Path export = dir.resolve("export.jsonl");
        SyntheticExport.Written written = SyntheticExport.write(
                new SyntheticExport.Settings(4000, 29, 2009, 15, 3, new SyntheticExport.Mess(0, 5, 2, 3, 2)),
                export,
                SyntheticExport.Format.JSONL);
        Path key = dir.resolve("ngo.key");
        PseudonymKey.create(key);
        Map<String, Integer> expected = acceptedEventIds(export, key);
        assertThat(expected.values()).as("the export itself holds no duplicate").allMatch(n -> n == 1);

        KafkaCluster cluster = KafkaCluster.start(dir.resolve("cluster"), 3, CliJar.classpath(), node -> {});
        Process ingest = null;
        try {
            try {
                cluster.awaitBrokers(3, System.nanoTime() + TimeUnit.SECONDS.toNanos(180), dir.resolve("cluster"));
            } catch (CliException e) {
                Assumptions.abort(
                        "a 3-node Kafka cluster cannot start here, so the fault test cannot run: " + e.getMessage());
            }
            String bootstrap = cluster.bootstrapServers();
            Path ingestOut = dir.resolve("ingest.out");
            ingest = new ProcessBuilder(CliJar.casetrail(
                            "ingest", "--bootstrap-server", bootstrap, "--key-file", key.toString(), export.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ingestOut.toFile())
                    .start();

            int victim;
            long atKill;
            boolean controllerKilled;
            try (Admin admin = admin(bootstrap)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (endOffsetOnceKnown(admin, TOPIC) < 3000 && ingest.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (!ingest.isAlive()) {
                    ingest.waitFor(10, TimeUnit.SECONDS);
                }
                assertThat(ingest.isAlive())
                        .as(() -> "the ingest is still writing when the node is killed; it said: "
                                + readQuietly(ingestOut))
                        .isTrue();
                // The active controller if it leads a partition of the topic (both roles lost at
                // once), else the leader of partition 0: either way the producer loses a leader.
                int controller = admin.describeMetadataQuorum()
                        .quorumInfo()
                        .get(10, TimeUnit.SECONDS)
                        .leaderId();
                Set<Integer> leaders = describe(admin, TOPIC).partitions().stream()
                        .map(p -> p.leader().id())
                        .collect(Collectors.toSet());
                controllerKilled = leaders.contains(controller);
                victim = controllerKilled
                        ? controller
                        : describe(admin, TOPIC).partitions().get(0).leader().id();
                atKill = endOffset(admin, TOPIC);
                cluster.process(victim).kill();
            }

            assertThat(ingest.waitFor(5, TimeUnit.MINUTES))
                    .as("the ingest finished")
                    .isTrue();
            String out = Files.readString(ingestOut, StandardCharsets.UTF_8);
            assertThat(ingest.exitValue()).as(out).isZero();
            Matcher summary = SUMMARY.matcher(out);
            assertThat(summary.find()).as(out).isTrue();
            long read = Long.parseLong(summary.group(1));
            long accepted = Long.parseLong(summary.group(2));
            long rejected = Long.parseLong(summary.group(3));
            assertThat(read).isEqualTo(written.records()).isEqualTo(accepted + rejected);
            assertThat(accepted).isEqualTo(expected.size());
            assertThat(atKill).as("the node was killed midway").isLessThan(accepted);

            try (Admin admin = admin(bootstrap)) {
                for (String topic :
                        List.of(TOPIC, EventLogTopics.rejectedFor(TOPIC), EventLogTopics.caseKeysFor(TOPIC))) {
                    TopicDescription description = describe(admin, topic);
                    assertThat(description.partitions()).allSatisfy(p -> {
                        assertThat(p.replicas()).as("replicas of " + topic).hasSize(3);
                        assertThat(p.leader().id())
                                .as("a live leader for " + topic)
                                .isNotEqualTo(victim);
                    });
                    var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                            .all()
                            .get(10, TimeUnit.SECONDS)
                            .values()
                            .iterator()
                            .next();
                    assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
                }
            }

            // Every record opens: a key record lost with the node would leave its case's events unreadable.
            Map<String, Integer> logged = new HashMap<>();
            List<LogContents.Logged> events = LogContents.events(bootstrap, TOPIC);
            for (LogContents.Logged event : events) {
                logged.merge(event.event().getEventId(), 1, Integer::sum);
            }
            long rejects = LogContents.rejects(bootstrap, TOPIC).size();
            System.out.printf(
                    "killed node %d (%s) at %d of %d events; read %d, accepted %d, rejected %d; log holds %d events, %d rejects%n",
                    victim,
                    controllerKilled ? "active controller and a partition leader" : "leader of partition 0",
                    atKill,
                    accepted,
                    read,
                    accepted,
                    rejected,
                    events.size(),
                    rejects);

            assertThat((long) events.size()).as("events in the log").isEqualTo(accepted);
            assertThat(rejects).as("rejects in the log").isEqualTo(rejected);
            assertThat(logged.entrySet().stream()
                            .filter(e -> e.getValue() > 1)
                            .map(Map.Entry::getKey)
                            .toList())
                    .as("event ids written twice")
                    .isEmpty();
            assertThat(logged).as("every accepted event of the export, once").isEqualTo(expected);
        } finally {
            if (ingest != null) {
                ingest.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            cluster.stop();
        }
        assertThat(cluster.processes()).noneMatch(NodeProcess::isAlive);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** The event ids the export's accepted records get under this key, counted. */
    private static Map<String, Integer> acceptedEventIds(Path export, Path key) throws Exception {
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(PseudonymKey.load(key)));
        Map<String, Integer> ids = new HashMap<>();
        try (ExportReader reader = ExportReader.open(export)) {
            ExportRecord record;
            while ((record = reader.next()) != null) {
                if (translator.translate(record) instanceof Translation.Accepted accepted) {
                    ids.merge(accepted.event().getEventId(), 1, Integer::sum);
                }
            }
        }
        return ids;
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        return Admin.create(props);
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(20, TimeUnit.SECONDS)
                .get(topic);
    }

    /**
     * The topic's end offset, or 0 while it is too new to have one: the node that lists it can
     * know it before the node asked for its partitions' metadata does.
     */
    private static long endOffsetOnceKnown(Admin admin, String topic) throws Exception {
        if (!admin.listTopics().names().get(20, TimeUnit.SECONDS).contains(topic)) {
            return 0;
        }
        try {
            return endOffset(admin, topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException
                    || e.getCause() instanceof LeaderNotAvailableException) {
                return 0;
            }
            throw e;
        }
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartitionInfo p : describe(admin, topic).partitions()) {
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(20, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset())
                .sum();
    }
}
