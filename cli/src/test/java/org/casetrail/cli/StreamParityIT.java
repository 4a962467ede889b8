package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job against a broker in another process: it is killed (SIGKILL) while new
 * events arrive, restarted from its last checkpoint, and once its input stops its last snapshot
 * equals the batch replay of the same log, table for table, events counted exactly once.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StreamParityIT {

    @TempDir
    Path dir;

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

        Path brokerLog = dir.resolve("broker.out");
        Process broker = new ProcessBuilder(CliProcessesIT.java(
                        "broker", "--data-dir", dir.resolve("kafka").toString(), "--port", "0"))
                .redirectErrorStream(true)
                .redirectOutput(brokerLog.toFile())
                .start();
        Process stream = null;
        String replayId;
        try {
            String bootstrap = CanaryIT.awaitBroker(brokerLog);
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
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS);
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

    private static Process start(List<String> args, Path out) throws Exception {
        return new ProcessBuilder(CliProcessesIT.java(args.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
    }
}
