package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command run as separate processes, as an engineer runs the steps one by one: a
 * broker in one process, then keys, generate, ingest, replay, query and audit each in another.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliProcessesIT {

    static final Path JAR = Path.of(System.getProperty("casetrail.cli.jar", "target/casetrail-cli.jar"));

    @TempDir
    static Path dir;

    static Process broker;
    static String bootstrap;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new ProcessBuilder(
                        java("broker", "--data-dir", dir.resolve("kafka").toString(), "--port", "0"))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("broker listening on (127\\.0\\.0\\.1:\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (bootstrap == null && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = ready.matcher(line);
            if (m.find()) {
                bootstrap = m.group(1);
            }
        }
        assertThat(bootstrap).as("the broker process announced its address").isNotNull();
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "broker-output");
        drain.setDaemon(true);
        drain.start();
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
    void stepsRunOneByOneAgainstABrokerInAnotherProcess() throws Exception {
        Path key = dir.resolve("ngo.key");
        Path export = dir.resolve("export.jsonl");
        Path warehouse = dir.resolve("warehouse");

        Result keys = run("keys", "init", "--key-file", key.toString());
        assertThat(keys.status).isZero();
        assertThat(keys.out).containsPattern("fingerprint [0-9a-f]{16}");

        Result generated = run("generate", "--cases", "400", "--seed", "11", "--out", export.toString());
        assertThat(generated.status).isZero();
        Matcher g = Pattern.compile("(\\d+) records \\((\\d+) deliberately malformed")
                .matcher(generated.out);
        assertThat(g.find()).isTrue();
        long records = Long.parseLong(g.group(1));
        long malformed = Long.parseLong(g.group(2));

        Result ingested =
                run("ingest", "--bootstrap-server", bootstrap, "--key-file", key.toString(), export.toString());
        assertThat(ingested.status).as(ingested.out).isZero();
        assertThat(ingested.out)
                .contains("read " + records + ", accepted " + (records - malformed) + ", rejected " + malformed);

        Result replayed =
                run("replay", "--bootstrap-server", bootstrap, "--warehouse", warehouse.toString(), "--k", "5");
        assertThat(replayed.status).as(replayed.out).isZero();
        assertThat(replayed.out)
                .contains((records - malformed) + " events read")
                .contains("audit passed");
        Matcher counted = Pattern.compile("(\\d+) counted").matcher(replayed.out);
        assertThat(counted.find()).isTrue();

        Result journeys = run(
                "query",
                "--warehouse",
                warehouse.toString(),
                "--restricted",
                "--format",
                "csv",
                "SELECT count(*) AS n FROM case_journeys");
        assertThat(journeys.out.lines().toList()).containsExactly("n", counted.group(1));

        Result published = run(
                "query",
                "--warehouse",
                warehouse.toString(),
                "--format",
                "json",
                // A published row describes at least k=5 women; its noise is at most 2.
                "SELECT count(*) AS cells, count(*) FILTER (WHERE NOT suppressed AND cases < 3) AS leaks FROM referral_sources");
        assertThat(published.out).contains("\"leaks\":0");

        Result blocked = run("query", "--warehouse", warehouse.toString(), "SELECT count(*) FROM case_journeys");
        assertThat(blocked.status).isEqualTo(1);
        assertThat(blocked.out)
                .contains("casetrail: refused: case_journeys is a restricted table")
                .doesNotContain("Exception");

        assertThat(run("audit", "--warehouse", warehouse.toString()).status).isZero();
    }

    @Test
    void twoReplaysInTwoProcessesWriteTheSameFilesByteForByte() throws Exception {
        Path key = dir.resolve("twice.key");
        Path export = dir.resolve("twice.jsonl");
        assertThat(run("keys", "init", "--key-file", key.toString()).status()).isZero();
        assertThat(run("generate", "--cases", "300", "--seed", "12", "--out", export.toString())
                        .status())
                .isZero();
        Result ingested = run(
                "ingest",
                "--bootstrap-server",
                bootstrap,
                "--key-file",
                key.toString(),
                "--topic",
                "twice",
                export.toString());
        assertThat(ingested.status()).as(ingested.out()).isZero();

        Path first = dir.resolve("twice-first");
        Path second = dir.resolve("twice-second");
        Result one = run(
                "replay",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                "twice",
                "--warehouse",
                first.toString(),
                "--k",
                "5");
        assertThat(one.status()).as(one.out()).isZero();
        // The same secret, or the noise differs by design.
        Files.createDirectories(second);
        Files.copy(
                first.resolve("perturbation.key"),
                second.resolve("perturbation.key"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Result two = run(
                "replay",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                "twice",
                "--warehouse",
                second.toString(),
                "--k",
                "5");
        assertThat(two.status()).as(two.out()).isZero();

        Path a = first.resolve("current").toRealPath();
        Path b = second.resolve("current").toRealPath();
        List<Path> files;
        try (var walk = Files.walk(a)) {
            // The manifest alone says when and as which release.
            files = walk.filter(Files::isRegularFile)
                    .map(a::relativize)
                    .filter(f -> !f.toString().equals("manifest.json"))
                    .sorted()
                    .toList();
        }
        assertThat(files)
                .as("public and restricted tables, snapshot.json, the data dictionary")
                .filteredOn(f -> f.toString().endsWith(".parquet"))
                .hasSizeGreaterThan(10);
        assertThat(files).contains(Path.of("snapshot.json"));
        for (Path file : files) {
            assertThat(Arrays.mismatch(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file))))
                    .as("first byte of %s that differs", file)
                    .isEqualTo(-1);
        }

        // The report of a release, made twice in two processes, is the same HTML and CSVs; of the
        // other release, the same but for the release id it names.
        Path reportA = dir.resolve("twice-report-a");
        Path reportAgain = dir.resolve("twice-report-a-again");
        Path reportB = dir.resolve("twice-report-b");
        for (Path[] made : new Path[][] {{first, reportA}, {first, reportAgain}, {second, reportB}}) {
            Result report = run(
                    "report",
                    "--warehouse",
                    made[0].toString(),
                    "--out",
                    made[1].resolve("report.html").toString());
            assertThat(report.status()).as(report.out()).isZero();
        }
        List<Path> reportFiles;
        try (var list = Files.list(reportA)) {
            reportFiles = list.map(reportA::relativize).sorted().toList();
        }
        assertThat(reportFiles)
                .as("the HTML and a CSV per table")
                .hasSizeGreaterThan(5)
                .contains(Path.of("report.html"));
        for (Path file : reportFiles) {
            assertThat(Arrays.mismatch(
                            Files.readAllBytes(reportA.resolve(file)), Files.readAllBytes(reportAgain.resolve(file))))
                    .as("first byte of the report's %s that differs", file)
                    .isEqualTo(-1);
            String other = Files.readString(reportB.resolve(file))
                    .replace(b.getFileName().toString(), a.getFileName().toString());
            assertThat(other).as("the other release's %s", file).isEqualTo(Files.readString(reportA.resolve(file)));
        }
    }

    @Test
    void usageErrorsExitTwoAndFailedRunsExitOneWithoutAStackTrace() throws Exception {
        Result usage = run("replay", "--bootstrap-server");
        assertThat(usage.status).isEqualTo(2);
        assertThat(usage.out).contains("casetrail replay --help");

        Result noKey = run(
                "ingest",
                "--bootstrap-server",
                bootstrap,
                "--key-file",
                dir.resolve("missing.key").toString(),
                dir.resolve("whatever.jsonl").toString());
        assertThat(noKey.status).isEqualTo(1);
        assertThat(noKey.out).contains("casetrail keys init").doesNotContain("\tat ");

        Result noBroker = run(
                "replay",
                "--bootstrap-server",
                "127.0.0.1:1",
                "--warehouse",
                dir.resolve("w2").toString());
        assertThat(noBroker.status).isEqualTo(1);
        assertThat(noBroker.out).contains("cannot reach Kafka").doesNotContain("\tat ");

        assertThat(run("--help").out).contains("demo", "ingest", "replay", "query");
    }

    @Test
    void generatorStreamsALargeExportInASmallHeap() throws Exception {
        List<String> command = java(
                "generate",
                "--cases",
                "30000",
                "--seed",
                "5",
                "--out",
                dir.resolve("large.jsonl").toString());
        command.set(command.indexOf("-Xmx1g"), "-Xmx40m");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("30000 cases");
        assertThat(Files.size(dir.resolve("large.jsonl"))).isGreaterThan(100L * 1024 * 1024);

        // Ingest streams too: the whole file through a heap far smaller than the file.
        Path key = dir.resolve("large.key");
        assertThat(run("keys", "init", "--key-file", key.toString()).status()).isZero();
        List<String> ingest = java(
                "ingest",
                "--bootstrap-server",
                bootstrap,
                "--key-file",
                key.toString(),
                "--topic",
                "large",
                dir.resolve("large.jsonl").toString());
        ingest.set(ingest.indexOf("-Xmx1g"), "-Xmx96m");
        Process i = new ProcessBuilder(ingest).redirectErrorStream(true).start();
        String ingested = new String(i.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(i.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(i.exitValue()).as(ingested).isZero();
        Matcher written =
                Pattern.compile("(\\d+) records \\((\\d+) deliberately").matcher(out);
        assertThat(written.find()).isTrue();
        assertThat(ingested)
                .contains("read " + written.group(1) + ", accepted "
                        + (Long.parseLong(written.group(1)) - Long.parseLong(written.group(2))));
    }

    record Result(int status, String out) {}

    static Result run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }

    static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        assertThat(Files.exists(JAR)).as("the packaged CLI at " + JAR).isTrue();
        return command;
    }
}
