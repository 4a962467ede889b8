package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.ingest.read.ExportReader;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.release.LiveSnapshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job against a broker in another process: it is killed (SIGKILL) while new
 * events arrive, restarted from its last checkpoint, and once its input stops its last snapshot
 * equals the batch replay of the same log, table for table, events counted exactly once. A woman
 * erased while it runs leaves its next snapshot, and stays out after a SIGKILL and a restart.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StreamParityIT {

    /** The broker's own folder: both tests share it, each on topics of its own. */
    @TempDir
    static Path brokerDir;

    static Process broker;
    static String bootstrap;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        Path brokerLog = brokerDir.resolve("broker.out");
        broker = new ProcessBuilder(CliProcessesIT.java(
                        "broker", "--data-dir", brokerDir.resolve("kafka").toString(), "--port", "0"))
                .redirectErrorStream(true)
                .redirectOutput(brokerLog.toFile())
                .start();
        bootstrap = CanaryIT.awaitBroker(brokerLog);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void killedAndRestartedStreamEndsWithTheReplaysTables() throws Exception {
        Path key = dir.resolve("k.key");
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        Path streamed = dir.resolve("streamed");
        Path replayed = dir.resolve("replayed");
        assertThat(CliProcessesIT.run("keys", "init", "--key-file", key.toString())
                        .status())
                .isZero();
        assertThat(CliProcessesIT.run("generate", "--cases", "800", "--seed", "31", "--out", first.toString())
                        .status())
                .isZero();
        assertThat(CliProcessesIT.run(
                                "generate",
                                "--cases",
                                "800",
                                "--seed",
                                "32",
                                "--start-year",
                                "2013",
                                "--years",
                                "3",
                                "--out",
                                second.toString())
                        .status())
                .isZero();

        Process stream = null;
        String replayId;
        try {
            long a = LiveSnapshotOutput.accepted(CliProcessesIT.run(
                    "ingest", "--bootstrap-server", bootstrap, "--key-file", key.toString(), first.toString()));
            List<String> streamArgs = List.of(
                    "stream",
                    "--bootstrap-server",
                    bootstrap,
                    "--warehouse",
                    streamed.toString(),
                    "--snapshot-interval",
                    "2",
                    "--checkpoint-interval",
                    "1");

            Path out1 = dir.resolve("stream1.out");
            stream = start(streamArgs, out1);
            LiveSnapshotOutput.awaitSnapshot(out1, a, stream);

            long b = LiveSnapshotOutput.accepted(CliProcessesIT.run(
                    "ingest", "--bootstrap-server", bootstrap, "--key-file", key.toString(), second.toString()));
            Thread.sleep(1500);
            stream.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            Path out2 = dir.resolve("stream2.out");
            stream = start(streamArgs, out2);
            LiveSnapshotOutput.awaitSnapshot(out2, a + b, stream);
            assertThat(Files.readString(out2)).contains("resuming from checkpoint");
            Thread.sleep(5000);
            assertThat(LiveSnapshotOutput.lastSeen(Files.readString(out2)))
                    .as("no event counted twice after the restart")
                    .isEqualTo(a + b);
            stream.destroy();
            assertThat(stream.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(streamed.resolve("current"))
                    .as("a stream never makes a public release")
                    .doesNotExist();
            assertThat(streamed.resolve("releases")).doesNotExist();
            assertThat(Files.getPosixFilePermissions(streamed.resolve("live")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));

            // The replay's warehouse holds only the stream warehouse's secret, as a restored back-up would.
            Files.createDirectories(replayed);
            Files.copy(
                    streamed.resolve("perturbation.key"),
                    replayed.resolve("perturbation.key"),
                    StandardCopyOption.COPY_ATTRIBUTES);
            CliProcessesIT.Result replay = CliProcessesIT.run(
                    "replay",
                    "--bootstrap-server",
                    bootstrap,
                    "--warehouse",
                    replayed.toString(),
                    "--as-of",
                    LiveSnapshotOutput.lastAsOf(Files.readString(out2)));
            assertThat(replay.status()).as(replay.out()).isZero();
            assertThat(replay.out()).contains((a + b) + " events read");
            replayId = replay.out().replaceAll("(?s).*?release (\\S+):.*", "$1");
        } finally {
            if (stream != null) {
                stream.destroyForcibly();
            }
        }
        String sql = List.of(
                                "cohort_outcomes",
                                "training_outcomes",
                                "followup_status",
                                "shelter_occupancy",
                                "referral_sources",
                                "legal_outcomes",
                                "testimonies",
                                "case_journeys",
                                "unsuppressed_cohort_outcomes",
                                "unsuppressed_legal_outcomes")
                        .stream()
                        .map(t -> "SELECT '" + t + "' AS tbl, count(*) AS n, sum(hash(r)::HUGEINT) AS checksum FROM "
                                + t + " r")
                        .collect(Collectors.joining(" UNION ALL "))
                + " ORDER BY tbl";
        CliProcessesIT.Result s = CliProcessesIT.run(
                "query", "--restricted", "--live", "--format", "csv", "--warehouse", streamed.toString(), sql);
        CliProcessesIT.Result r = CliProcessesIT.run(
                "query",
                "--restricted",
                "--release",
                replayId,
                "--format",
                "csv",
                "--warehouse",
                replayed.toString(),
                sql);
        assertThat(s.status()).as(s.out()).isZero();
        assertThat(LiveSnapshotOutput.csv(s.out())).isEqualTo(LiveSnapshotOutput.csv(r.out()));
        assertThat(LiveSnapshotOutput.csv(s.out()).lines().skip(1))
                .hasSize(10)
                .allSatisfy(line -> assertThat(line.split(",")[1]).isNotEqualTo("0"));
    }

    @Test
    void aWomanErasedWhileTheStreamRunsLeavesItsNextSnapshotAndStaysOutAfterARestart() throws Exception {
        String topic = "erasure-events";
        Path key = dir.resolve("erasure.key");
        Path export = dir.resolve("erasure.jsonl");
        Path later = dir.resolve("later.jsonl");
        Path warehouse = dir.resolve("erasure-warehouse");
        Path live = warehouse.resolve("live").resolve(topic);
        PseudonymKey.create(key);
        SyntheticExport.write(SyntheticExport.Settings.defaults(400, 41), export, SyntheticExport.Format.JSONL);
        // Sixty other women, identified after everyone of the first export: the restarted stream
        // folds them and its as_of moves on, which refolds every journey it holds.
        SyntheticExport.write(
                new SyntheticExport.Settings(60, 42, 2011, 1, 3, SyntheticExport.Mess.NONE),
                later,
                SyntheticExport.Format.JSONL);
        long a = LiveSnapshotOutput.accepted(CliProcessesIT.run(
                "ingest",
                "--bootstrap-server",
                bootstrap,
                "--key-file",
                key.toString(),
                "--topic",
                topic,
                export.toString()));
        List<String> streamArgs = List.of(
                "stream",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--warehouse",
                warehouse.toString(),
                "--snapshot-interval",
                "2",
                "--checkpoint-interval",
                "1");

        Path out1 = dir.resolve("erasure-stream1.out");
        Process stream = start(streamArgs, out1);
        try {
            Path before = awaitLiveSnapshot(live, s -> s.eventsSeen() == a, stream, out1, dir.resolve("before"));
            SnapshotSummary was = LiveSnapshots.summary(before);
            assertThat(was.cases().erased()).isZero();
            Set<String> included = Set.copyOf(Query.rows(before, "SELECT case_pseudonym FROM case_journeys"));
            Pseudonymizer pseudonymizer = new Pseudonymizer(PseudonymKey.load(key));
            String caseId = caseIds(export).stream()
                    .filter(id -> included.contains(pseudonymizer.casePseudonym(SyntheticExport.SOURCE, id)))
                    .findFirst()
                    .orElseThrow();
            String pseudonym = pseudonymizer.casePseudonym(SyntheticExport.SOURCE, caseId);
            assertThat(rowsOf(before, pseudonym)).as("her journey's rows").isOne();
            List<CaseDataKey> herKeys = CaseKeyTopic.read(bootstrap, EventLogTopics.caseKeysFor(topic))
                    .keysOf(pseudonym);
            assertThat(herKeys).hasSize(1);
            String recordKey = herKeys.get(0).recordKey();
            long herEvents = LogContents.entries(bootstrap, topic).stream()
                    .filter(e -> recordKey.equals(new String(e.key(), StandardCharsets.US_ASCII)))
                    .count();
            assertThat(herEvents).isPositive();

            CaseKeysInSeconds.apply(bootstrap, topic);
            CliProcessesIT.Result erase = CliProcessesIT.run(
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
                    topic);
            // Checked before any assertion that would print the output.
            assertThat(erase.out().contains(caseId))
                    .as("the erase output names the case id")
                    .isFalse();
            assertThat(erase.out().contains(pseudonym))
                    .as("the erase output names the pseudonym")
                    .isFalse();
            assertThat(erase.status()).as(erase.out()).isZero();
            assertThat(erase.out()).contains("erased 1 case");

            Path after = awaitLiveSnapshot(live, s -> s.cases().erased() == 1, stream, out1, dir.resolve("after"));
            SnapshotSummary is = LiveSnapshots.summary(after);
            assertThat(new ObjectMapper()
                            .readTree(after.resolve(SnapshotSummary.FILE_NAME).toFile())
                            .path("cases")
                            .path("cases_erased")
                            .asLong())
                    .isEqualTo(1);
            assertThat(is.cases().cases()).isEqualTo(was.cases().cases() - 1);
            assertThat(is.cases().included()).isEqualTo(was.cases().included() - 1);
            assertThat(is.eventsSeen()).isEqualTo(a - herEvents);
            assertThat(is.unfolded())
                    .as("her erasure, and the events of hers the stream held, dropped")
                    .isEqualTo(new UnfoldedRecords(1, herEvents, 0, 0));
            assertThat(rowsOf(after, pseudonym)).as("her journey's rows").isZero();
            assertThat(Query.rows(after, "SELECT count(*) FROM case_journeys"))
                    .containsExactly(String.valueOf(was.cases().included() - 1));

            // Killed once two more checkpoints have completed: Flink takes one at a time, so the
            // second of them began after that snapshot was written, and holds the state without her.
            Path checkpoints = warehouse.resolve("checkpoints").resolve(topic);
            long seen = checkpointId(checkpoints);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (checkpointId(checkpoints) < seen + 2) {
                assertThat(System.nanoTime()).as("two more checkpoints").isLessThan(deadline);
                Thread.sleep(200);
            }
            stream.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            long c = LiveSnapshotOutput.accepted(CliProcessesIT.run(
                    "ingest",
                    "--bootstrap-server",
                    bootstrap,
                    "--key-file",
                    key.toString(),
                    "--topic",
                    topic,
                    later.toString()));
            Path out2 = dir.resolve("erasure-stream2.out");
            stream = start(streamArgs, out2);
            Path restarted = awaitLiveSnapshot(
                    live, s -> s.eventsSeen() == a - herEvents + c, stream, out2, dir.resolve("restarted"));
            assertThat(Files.readString(out2)).contains("resuming from checkpoint");
            SnapshotSummary resumed = LiveSnapshots.summary(restarted);
            assertThat(resumed.asOf()).as("as_of moved on").isAfter(is.asOf());
            assertThat(resumed.cases().erased()).isEqualTo(1);
            assertThat(resumed.cases().cases()).isEqualTo(was.cases().cases() - 1 + 60);
            assertThat(resumed.unfolded()).isEqualTo(is.unfolded());
            assertThat(rowsOf(restarted, pseudonym)).as("her journey's rows").isZero();
            assertThat(Query.rows(restarted, "SELECT count(*) FROM case_journeys"))
                    .containsExactly(String.valueOf(resumed.cases().included()));
            stream.destroy();
            assertThat(stream.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            stream.destroyForcibly();
        }
    }

    /** The case ids of an export, in the order they first appear. */
    private static List<String> caseIds(Path export) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        try (ExportReader reader = ExportReader.open(export)) {
            ExportRecord record;
            while ((record = reader.next()) != null) {
                if (record.readable() && record.content().hasNonNull("case_id")) {
                    ids.add(record.content().get("case_id").asText());
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Rows of case_journeys under this pseudonym. */
    private static long rowsOf(Path snapshot, String pseudonym) throws Exception {
        return Long.parseLong(
                Query.rows(snapshot, "SELECT count(*) FROM case_journeys WHERE case_pseudonym = '" + pseudonym + "'")
                        .get(0));
    }

    /** The id of the newest completed checkpoint, or 0. */
    private static long checkpointId(Path checkpoints) throws Exception {
        return StreamCommand.latestCheckpoint(checkpoints)
                .map(p -> Long.parseLong(p.getFileName().toString().substring("chk-".length())))
                .orElse(0L);
    }

    /**
     * Waits (3 minutes at most) for the stream's newest complete live snapshot to be one that
     * {@code wanted} accepts, and copies it to {@code copy}: the stream deletes a snapshot as soon
     * as a newer one is complete.
     */
    private static Path awaitLiveSnapshot(
            Path live, Predicate<SnapshotSummary> wanted, Process stream, Path out, Path copy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            List<Path> complete = LiveSnapshots.complete(live);
            if (!complete.isEmpty()) {
                Path newest = complete.get(complete.size() - 1);
                try {
                    if (wanted.test(LiveSnapshots.summary(newest))) {
                        copyTree(newest, copy);
                        return copy;
                    }
                } catch (WarehouseException | IOException e) {
                    // Deleted while read: a newer one is there.
                }
            }
            assertThat(stream.isAlive()).as(Files.readString(out)).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("no such live snapshot; the stream said: " + Files.readString(out));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static Process start(List<String> args, Path out) throws Exception {
        return new ProcessBuilder(CliProcessesIT.java(args.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
    }
}
