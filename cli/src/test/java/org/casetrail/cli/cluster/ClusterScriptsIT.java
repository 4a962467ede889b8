package org.casetrail.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * cluster/up and cluster/down as a user runs them: up prints the two addresses, which answer with
 * 3 brokers and 2 TaskManagers; a second up finds the cluster running; down leaves no process.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterScriptsIT {

    private static final Pattern BOOTSTRAP =
            Pattern.compile("bootstrap-server=(127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2})");
    private static final Pattern MASTER = Pattern.compile("flink-master=(127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void upPrintsTheAddressesThatAnswerAndDownLeavesNoProcess() throws Exception {
        Path clusterDir = dir.resolve("cluster");
        List<Long> pids = new ArrayList<>();
        try {
            Result up = script("up", "--dir", clusterDir.toString(), "--timeout", "300");
            if (up.status() != 0 && up.err().contains("did not come up in time")) {
                Assumptions.abort("the loopback cluster cannot start here in time: "
                        + up.err().strip());
            }
            assertThat(up.status()).as(up.err()).isZero();
            pids.addAll(recordedPids(clusterDir));
            List<String> lines = up.out().lines().toList();
            assertThat(lines).as("stdout holds the two addresses only").hasSize(2);
            Matcher bootstrap = BOOTSTRAP.matcher(lines.get(0));
            Matcher master = MASTER.matcher(lines.get(1));
            assertThat(bootstrap.matches()).as(lines.get(0)).isTrue();
            assertThat(master.matches()).as(lines.get(1)).isTrue();
            assertThat(KafkaCluster.brokersSeen(bootstrap.group(1), Duration.ofSeconds(30)))
                    .isEqualTo(3);
            assertThat(FlinkCluster.taskManagersSeen(master.group(1), Duration.ofSeconds(30)))
                    .isEqualTo(2);
            assertThat(pids)
                    .hasSize(6)
                    .allMatch(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(Files.list(clusterDir.resolve("logs"))
                            .map(p -> p.getFileName().toString()))
                    .contains(
                            "kafka-1.log",
                            "kafka-2.log",
                            "kafka-3.log",
                            "flink-jobmanager.log",
                            "flink-taskmanager-1.log",
                            "flink-taskmanager-2.log");

            Result again = script("up", "--dir", clusterDir.toString());
            assertThat(again.status()).as(again.err()).isZero();
            assertThat(again.err()).contains("already running");
            assertThat(again.out()).isEqualTo(up.out());
            assertThat(recordedPids(clusterDir)).isEqualTo(pids);

            Result down = script("down", "--dir", clusterDir.toString());
            assertThat(down.status()).as(down.err()).isZero();
            assertThat(down.err()).contains("stopped 6 processes");
            assertThat(pids)
                    .noneMatch(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(recordedPids(clusterDir)).isEmpty();

            Result downAgain = script("down", "--dir", clusterDir.toString());
            assertThat(downAgain.status()).isZero();
            assertThat(downAgain.err()).contains("no cluster is running");
            assertThat(nodesOf(clusterDir))
                    .as("processes of this cluster folder")
                    .isEmpty();
        } finally {
            // Whatever failed above, nothing this test started outlives it.
            pids.addAll(recordedPids(clusterDir));
            if (pids.stream()
                    .anyMatch(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
                script("down", "--dir", clusterDir.toString());
            }
        }
    }

    @Test
    void upThatCannotFinishInTimeSaysSoAndStopsWhatItStarted() throws Exception {
        Path clusterDir = dir.resolve("slow");
        try {
            Result up = script("up", "--dir", clusterDir.toString(), "--timeout", "1");
            assertThat(up.status()).isEqualTo(1);
            assertThat(up.out()).isEmpty();
            assertThat(up.err())
                    .contains("did not come up in time", "stopping what was started")
                    .doesNotContain("\tat ");
            assertThat(nodesOf(clusterDir))
                    .as("processes of this cluster folder")
                    .isEmpty();
            assertThat(recordedPids(clusterDir)).isEmpty();
        } finally {
            nodesOf(clusterDir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Every live process whose command line names this cluster folder, recorded or not. */
    private static List<ProcessHandle> nodesOf(Path clusterDir) {
        String marker = "-Dcasetrail.cluster.dir=" + clusterDir.toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info()
                        .arguments()
                        .map(a -> List.of(a).contains(marker))
                        .orElse(false))
                .toList();
    }

    private static List<Long> recordedPids(Path clusterDir) throws IOException {
        Path file = clusterDir.resolve("pids");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("="))
                .map(l -> Long.parseLong(l.substring(l.indexOf('=') + 1).strip()))
                .toList();
    }

    record Result(int status, String out, String err) {}

    private Result script(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("bash", CliJar.root().resolve("cluster").resolve(name).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, name, ".out");
        Path err = Files.createTempFile(dir, name, ".err");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
