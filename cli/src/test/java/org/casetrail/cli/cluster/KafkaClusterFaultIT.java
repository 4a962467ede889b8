package org.casetrail.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.casetrail.cli.CaseKeysInSeconds;
import org.casetrail.cli.CliException;
import org.casetrail.cli.LogContents;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.ingest.read.ExportReader;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.warehouse.release.ManifestCodec;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-node cluster shared by the class's tests, each on topics of its own. A woman erased while
 * an ingest writes to it: her records can no longer be opened, and nothing else is lost. One node
 * killed (SIGKILL) while an ingest writes to it: the ingest completes, and the event log holds
 * every accepted record of the export exactly once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterFaultIT {

    private static final String TOPIC = "case-events";
    private static final String ERASURE_TOPIC = "erasure-events";
    private static final Pattern SUMMARY = Pattern.compile("read (\\d+), accepted (\\d+), rejected (\\d+)");
    /** No deliberate duplicates: every accepted event id is unique, so a repeat in the log is one Kafka made. */
    private static final SyntheticExport.Mess NO_DUPLICATES = new SyntheticExport.Mess(0, 5, 2, 3, 2);

    @TempDir
    static Path clusterDir;

    static KafkaCluster cluster;
    static String bootstrap;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(clusterDir, 3, CliJar.classpath(), node -> {});
        try {
            cluster.awaitBrokers(3, System.nanoTime() + TimeUnit.SECONDS.toNanos(180), clusterDir);
        } catch (CliException e) {
            Assumptions.abort(
                    "a 3-node Kafka cluster cannot start here, so the cluster tests cannot run: " + e.getMessage());
        }
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop();
            assertThat(cluster.processes()).noneMatch(NodeProcess::isAlive);
        }
    }

    @Test
    @Order(1)
    void aWomanErasedDuringAnIngestCannotBeReadAndNothingElseIsLost() throws Exception {
        Path key = dir.resolve("erasure.key");
        PseudonymKey.create(key);
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        SyntheticExport.write(
                new SyntheticExport.Settings(200, 51, 2009, 2, 3, NO_DUPLICATES), first, SyntheticExport.Format.JSONL);
        // Other women: a case id carries the year she was identified in, and these years follow the first export's.
        SyntheticExport.write(
                new SyntheticExport.Settings(3000, 52, 2011, 12, 3, NO_DUPLICATES),
                second,
                SyntheticExport.Format.JSONL);
        Pseudonymizer pseudonymizer = new Pseudonymizer(PseudonymKey.load(key));
        Map<String, String> firstEvents = acceptedEventCases(first, pseudonymizer);
        Map<String, String> secondEvents = acceptedEventCases(second, pseudonymizer);
        assertThat(Collections.disjoint(firstEvents.keySet(), secondEvents.keySet()))
                .as("the exports share no event")
                .isTrue();
        assertThat(Collections.disjoint(new HashSet<>(firstEvents.values()), new HashSet<>(secondEvents.values())))
                .as("the exports share no woman")
                .isTrue();
        // Her: the first woman of the first export with a reject that names her case, so that
        // her rejects are checked as well as her events.
        String caseId = caseIdsWithRejects(first, pseudonymizer).get(0);
        String pseudonym = pseudonymizer.casePseudonym(SyntheticExport.SOURCE, caseId);
        long herEvents = firstEvents.values().stream().filter(pseudonym::equals).count();
        assertThat(herEvents).isPositive();

        Path firstOut = dir.resolve("first.out");
        Process firstIngest = ingest(first, key, firstOut);
        assertThat(firstIngest.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String firstSaid = readQuietly(firstOut);
        assertThat(firstIngest.exitValue()).as(firstSaid).isZero();
        Matcher firstSummary = SUMMARY.matcher(firstSaid);
        assertThat(firstSummary.find()).as(firstSaid).isTrue();
        String keysTopic = EventLogTopics.caseKeysFor(ERASURE_TOPIC);
        List<CaseDataKey> herKeys = CaseKeyTopic.read(bootstrap, keysTopic).keysOf(pseudonym);
        assertThat(herKeys).hasSize(1);
        String recordKey = herKeys.get(0).recordKey();

        // The second ingest reads its export from a pipe, and the test holds the export's last
        // lines back until the erase is done: the erase meets an ingest in the middle of its run,
        // however fast this machine is. Ingest sends new women's records in batches of 50,000
        // (KafkaEventLogWriter): the lines fed first make more than one batch, so that some of them
        // are in the log before the erasure.
        List<String> lines = Files.readAllLines(second, StandardCharsets.UTF_8);
        int fedFirst = 55_000;
        assertThat(lines).hasSizeGreaterThan(fedFirst + 5_000);
        Path pipe = dir.resolve("second-pipe.jsonl");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .as("mkfifo made the pipe")
                .isTrue();
        CountDownLatch erasureDone = new CountDownLatch(1);
        AtomicReference<Exception> feedFailure = new AtomicReference<>();
        Thread feeder = new Thread(
                () -> {
                    try (Writer w = Files.newBufferedWriter(pipe, StandardCharsets.UTF_8)) {
                        for (String line : lines.subList(0, fedFirst)) {
                            w.write(line);
                            w.write('\n');
                        }
                        w.flush();
                        erasureDone.await();
                        for (String line : lines.subList(fedFirst, lines.size())) {
                            w.write(line);
                            w.write('\n');
                        }
                    } catch (Exception e) {
                        feedFailure.set(e);
                    }
                },
                "second-export-feeder");
        feeder.setDaemon(true);
        feeder.start();

        Path secondOut = dir.resolve("second.out");
        Process secondIngest = ingest(pipe, key, secondOut);
        try {
            long written;
            CaseKeysInSeconds.apply(bootstrap, ERASURE_TOPIC);
            try (Admin admin = admin(bootstrap)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while ((written = endOffset(admin, ERASURE_TOPIC)) < firstEvents.size() + 10_000
                        && secondIngest.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(secondIngest.isAlive())
                    .as(() -> "the second ingest is running when the erase starts; it said: " + readQuietly(secondOut))
                    .isTrue();
            assertThat(written)
                    .as("events in the log when the erase starts")
                    .isGreaterThanOrEqualTo(firstEvents.size() + 10_000);
            Process erase = new ProcessBuilder(CliJar.casetrail(
                            "erase",
                            "--bootstrap-server",
                            bootstrap,
                            "--key-file",
                            key.toString(),
                            "--source",
                            SyntheticExport.SOURCE,
                            "--case-id",
                            caseId,
                            "--topic",
                            ERASURE_TOPIC))
                    .redirectErrorStream(true)
                    .start();
            String erased = new String(erase.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(erase.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(erased.contains(caseId))
                    .as("the erase output names the case id")
                    .isFalse();
            assertThat(erased.contains(pseudonym))
                    .as("the erase output names the pseudonym")
                    .isFalse();
            assertThat(erase.exitValue()).as(erased).isZero();
            assertThat(erased).contains("erased 1 case");
            assertThat(secondIngest.isAlive())
                    .as("the second ingest waits for the rest of its export")
                    .isTrue();
            erasureDone.countDown();
            assertThat(secondIngest.waitFor(5, TimeUnit.MINUTES))
                    .as("the second ingest finished")
                    .isTrue();
            feeder.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(feedFailure.get()).as("feeding the pipe").isNull();
        } finally {
            // Lets the feeder end, whatever happened.
            erasureDone.countDown();
            secondIngest.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String out = Files.readString(secondOut, StandardCharsets.UTF_8);
        assertThat(secondIngest.exitValue()).as(out).isZero();
        Matcher summary = SUMMARY.matcher(out);
        assertThat(summary.find()).as(out).isTrue();
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(secondEvents.size());

        List<LogContents.Entry> entries = LogContents.entries(bootstrap, ERASURE_TOPIC);
        List<LogContents.Entry> hers =
                entries.stream().filter(e -> recordKey.equals(keyOf(e))).toList();
        assertThat(hers)
                .as("her events and her erasure")
                .hasSize((int) herEvents + 1)
                .extracting(e -> e.opened().outcome())
                .containsOnly(LogRecordOpener.Outcome.NO_DATA_KEY, LogRecordOpener.Outcome.ERASURE)
                .containsOnlyOnce(LogRecordOpener.Outcome.ERASURE);
        assertThat(entries)
                .filteredOn(e -> !recordKey.equals(keyOf(e)))
                .extracting(e -> e.opened().outcome())
                .as("every other record opens")
                .containsOnly(LogRecordOpener.Outcome.OPENED);

        CaseEventCodec codec = new CaseEventCodec();
        Map<String, Integer> logged = new HashMap<>();
        for (LogContents.Entry e : entries) {
            if (e.opened().readable()) {
                logged.merge(codec.decodeEvent(e.opened().content()).getEventId(), 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        for (Map<String, String> export : List.of(firstEvents, secondEvents)) {
            export.forEach((eventId, woman) -> {
                if (!woman.equals(pseudonym)) {
                    expected.put(eventId, 1);
                }
            });
        }
        assertThat(logged)
                .as("every event of every other woman of both exports, once")
                .isEqualTo(expected);

        // The erasure went in while the second ingest wrote: its records are on both sides of it.
        LogContents.Entry erasure = hers.stream()
                .filter(e -> e.opened().outcome() == LogRecordOpener.Outcome.ERASURE)
                .findFirst()
                .orElseThrow();
        List<Long> secondIngestOffsets = new ArrayList<>();
        for (LogContents.Entry e : entries) {
            if (e.partition() == erasure.partition()
                    && e.opened().readable()
                    && secondEvents.containsKey(
                            codec.decodeEvent(e.opened().content()).getEventId())) {
                secondIngestOffsets.add(e.offset());
            }
        }
        assertThat(secondIngestOffsets).anyMatch(o -> o < erasure.offset());
        assertThat(secondIngestOffsets).anyMatch(o -> o > erasure.offset());

        List<LogContents.Entry> rejects = LogContents.rejectEntries(bootstrap, ERASURE_TOPIC);
        assertThat(rejects)
                .filteredOn(e -> recordKey.equals(keyOf(e)))
                .as("her rejects")
                .isNotEmpty()
                .extracting(e -> e.opened().outcome())
                .containsOnly(LogRecordOpener.Outcome.NO_DATA_KEY);
        assertThat((long) rejects.size())
                .as("rejects of both ingests")
                .isEqualTo(Long.parseLong(firstSummary.group(3)) + Long.parseLong(summary.group(3)));
        assertThat(rejects)
                .filteredOn(e -> !recordKey.equals(keyOf(e)))
                .extracting(e -> e.opened().readable())
                .as("every other reject opens")
                .containsOnly(true);

        try (Admin admin = admin(bootstrap)) {
            for (String topic : List.of(ERASURE_TOPIC, EventLogTopics.rejectedFor(ERASURE_TOPIC), keysTopic)) {
                assertThat(describe(admin, topic).partitions())
                        .allSatisfy(p -> assertThat(p.replicas())
                                .as("replicas of " + topic)
                                .hasSize(3));
            }
            assertThat(describe(admin, keysTopic).partitions()).hasSize(1);
        }

        Path warehouse = dir.resolve("warehouse");
        Process replay = new ProcessBuilder(CliJar.casetrail(
                        "replay",
                        "--bootstrap-server",
                        bootstrap,
                        "--topic",
                        ERASURE_TOPIC,
                        "--warehouse",
                        warehouse.toString()))
                .redirectErrorStream(true)
                .start();
        String replayed = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(replay.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(replay.exitValue()).as(replayed).isZero();
        List<Path> releases;
        try (Stream<Path> folders = Files.list(warehouse.resolve("releases"))) {
            releases = folders.filter(r -> !r.getFileName().toString().startsWith("."))
                    .toList();
        }
        assertThat(releases).hasSize(1);
        ReleaseManifest manifest = ManifestCodec.read(releases.get(0).resolve(Warehouse.MANIFEST));
        assertThat(manifest.contents().cases().erased()).isEqualTo(1);
        assertThat(manifest.source().unfolded())
                .as("her erasure, and her events that no key opens")
                .isEqualTo(new UnfoldedRecords(1, 0, herEvents, 0));
        assertThat(manifest.contents().cases().cases())
                .as("every other woman of both exports")
                .isEqualTo(expected.keySet().stream()
                        .map(id -> firstEvents.containsKey(id) ? firstEvents.get(id) : secondEvents.get(id))
                        .distinct()
                        .count());
    }

    @Test
    @Order(2) // It kills a node for good: it runs last.
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

        Process ingest = null;
        try {
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
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    private Process ingest(Path export, Path key, Path out) throws IOException {
        return new ProcessBuilder(CliJar.casetrail(
                        "ingest",
                        "--bootstrap-server",
                        bootstrap,
                        "--key-file",
                        key.toString(),
                        "--topic",
                        ERASURE_TOPIC,
                        export.toString()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
    }

    private static String keyOf(LogContents.Entry entry) {
        return entry.key() == null ? null : new String(entry.key(), StandardCharsets.US_ASCII);
    }

    /** The case pseudonym of each event the export's accepted records become; refuses an export with a duplicate. */
    private static Map<String, String> acceptedEventCases(Path export, Pseudonymizer pseudonymizer) throws Exception {
        RecordTranslator translator = new RecordTranslator(pseudonymizer);
        Map<String, String> cases = new HashMap<>();
        try (ExportReader reader = ExportReader.open(export)) {
            ExportRecord record;
            while ((record = reader.next()) != null) {
                if (translator.translate(record) instanceof Translation.Accepted accepted) {
                    assertThat(cases.put(
                                    accepted.event().getEventId(),
                                    accepted.event().getCasePseudonym()))
                            .as("an event id the export holds twice")
                            .isNull();
                }
            }
        }
        return cases;
    }

    /** The case ids of the export's women that a reject names, in the order their first reject comes. */
    private static List<String> caseIdsWithRejects(Path export, Pseudonymizer pseudonymizer) throws Exception {
        RecordTranslator translator = new RecordTranslator(pseudonymizer);
        Set<String> ids = new LinkedHashSet<>();
        try (ExportReader reader = ExportReader.open(export)) {
            ExportRecord record;
            while ((record = reader.next()) != null) {
                if (translator.translate(record) instanceof Translation.Rejected rejected
                        && rejected.reject().getCasePseudonym() != null) {
                    ids.add(record.content().get("case_id").asText());
                }
            }
        }
        assertThat(ids).as("women with a reject in the export").isNotEmpty();
        return List.copyOf(ids);
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
