package org.casetrail.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.casetrail.cli.HeadlineQueries;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run --events 20000} end to end, through the launcher as bench/run does: every step
 * runs on the same data and the steps agree on what they saw. It says nothing about speed; the
 * timings are only printed by the bench.
 */
class LogThroughputBenchSmokeTest {

    /**
     * The child ingest and replay JVMs get this test's own classpath, which holds the CLI (its
     * classes in a reactor build, its jar otherwise). Surefire runs tests from a manifest-only jar
     * and keeps the real classpath in this property.
     */
    private static String cliClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * The {@code casetrail} launcher, as bench/run passes it, once the CLI's jar is packaged (a
     * reactor build's verify packages it before this module's tests); null before, when the
     * children run on this test's classpath instead.
     */
    private static Path launcher() {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Path launcher = root.resolve("casetrail");
        return Files.isExecutable(launcher) && Files.isRegularFile(root.resolve("cli/target/casetrail-cli.jar"))
                ? launcher
                : null;
    }

    /**
     * The plain clients' classpath as bench/run gives it, jars only, so that they get class-data
     * archives as they do there: this module's classes in a jar, and the packaged CLI's jars.
     */
    private static String clientJars(Path launcher, Path dir) throws IOException {
        Path benchClasses = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("target")
                .resolve("classes");
        Path jar = dir.resolve("bench-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(benchClasses)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new JarEntry(benchClasses.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        Path cli = launcher.getParent().resolve("cli").resolve("target");
        return String.join(
                File.pathSeparator,
                jar.toString(),
                cli.resolve("casetrail-cli.jar").toString(),
                cli.resolve("lib").resolve("*").toString());
    }

    /** cli/jvm.options, as bench/run and the launcher read them, so that archives recorded here suit later runs. */
    private static List<String> jvmOptions(Path launcher) throws IOException {
        if (launcher == null) {
            return List.of("-Xmx1g");
        }
        return Files.readAllLines(launcher.getParent().resolve("cli").resolve("jvm.options")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyStepRunsOnTheSameCaseLoadAndTheCountsAgree(@TempDir Path dir) throws Exception {
        List<String> said = new ArrayList<>();
        Path launcher = launcher();
        String clients = launcher == null ? cliClasspath() : clientJars(launcher, dir);
        ThroughputReport report = LogThroughputBench.run(
                new LogThroughputBench.Settings(
                        20_000,
                        2009,
                        dir.resolve("run"),
                        cliClasspath(),
                        clients,
                        jvmOptions(launcher),
                        null,
                        launcher,
                        // bench/run --ceilings runs them all; one of them here checks the way they run and count.
                        List.of(FlinkGrouping.PER_SPLIT)),
                said::add);
        System.out.println(
                launcher == null ? "ran on the test classpath: no packaged CLI jar" : "ran through " + launcher);
        if (launcher != null) {
            // The warm-up recorded each plain client's class-data archive, which the measured runs mapped.
            assertThat(dir.resolve("run").resolve("client-archives").resolve("plain-produce.jsa"))
                    .isNotEmptyFile();
            assertThat(dir.resolve("run").resolve("client-archives").resolve("plain-consume.jsa"))
                    .isNotEmptyFile();
            assertThat(dir.resolve("run").resolve("client-archives").resolve("plain-flink-read.jsa"))
                    .isNotEmptyFile();
            assertThat(dir.resolve("run").resolve("client-archives").resolve("plain-flink-grouped.jsa"))
                    .isNotEmptyFile();
            assertThat(dir.resolve("run").resolve("client-archives").resolve("plain-flink-per-split.jsa"))
                    .isNotEmptyFile();
            assertThat(report.machine().launcher()).contains("class-data archives");
        }

        assertThat(report.steps())
                .extracting(ThroughputReport.Step::step)
                .containsExactly(
                        LogThroughputBench.PLAIN_PRODUCE,
                        LogThroughputBench.PLAIN_PRODUCE_WARM,
                        LogThroughputBench.INGEST,
                        SpreadsheetIngest.XLSX,
                        SpreadsheetIngest.SAME_AS_JSONL,
                        LogThroughputBench.PLAIN_CONSUME,
                        LogThroughputBench.PLAIN_CONSUME_WARM,
                        LogThroughputBench.PLAIN_FLINK_READ,
                        LogThroughputBench.PLAIN_FLINK_GROUPED,
                        FlinkGrouping.PER_SPLIT.step(),
                        LogThroughputBench.REPLAY,
                        LogThroughputBench.REPLAY_JOB);
        assertThat(report.steps()).allSatisfy(step -> {
            assertThat(step.records()).isPositive();
            assertThat(step.seconds()).isPositive();
            assertThat(step.ratio()).isPositive();
        });
        assertThat(report.steps())
                .filteredOn(step -> !step.step().equals(SpreadsheetIngest.XLSX)
                        && !step.step().equals(SpreadsheetIngest.SAME_AS_JSONL))
                .allSatisfy(step -> assertThat(step.ratioToWarm()).isPositive());
        // The spreadsheet: the same records read from the workbook and from JSON Lines, its ratio to the latter.
        ThroughputReport.Step xlsx = report.step(SpreadsheetIngest.XLSX);
        ThroughputReport.Step jsonl = report.step(SpreadsheetIngest.SAME_AS_JSONL);
        assertThat(xlsx.records()).isEqualTo(jsonl.records()).isGreaterThan(10_000);
        assertThat(xlsx.ratio()).isCloseTo(xlsx.rate() / jsonl.rate(), offset(1e-9));
        assertThat(jsonl.ratio()).isEqualTo(1.0);
        assertThat(xlsx.peakRssBytes()).isPositive();
        assertThat(report.step(LogThroughputBench.PLAIN_PRODUCE).ratio()).isEqualTo(1.0);
        assertThat(report.step(LogThroughputBench.PLAIN_CONSUME_WARM).ratioToWarm())
                .isEqualTo(1.0);
        ThroughputReport.Step ingestStep = report.step(LogThroughputBench.INGEST);
        assertThat(ingestStep.ratio())
                .isCloseTo(
                        ingestStep.rate()
                                / report.step(LogThroughputBench.PLAIN_PRODUCE).rate(),
                        offset(1e-9));
        assertThat(ingestStep.ratioToWarm())
                .isCloseTo(
                        ingestStep.rate()
                                / report.step(LogThroughputBench.PLAIN_PRODUCE_WARM)
                                        .rate(),
                        offset(1e-9));
        ThroughputReport.Data data = report.data();
        assertThat(data.exportRecords()).isBetween(19_000L, 21_000L);
        long events = data.exportRecords() - data.malformedRecords();

        assertThat(report.step(LogThroughputBench.PLAIN_PRODUCE).records()).isEqualTo(data.exportRecords());
        assertThat(report.step(LogThroughputBench.PLAIN_PRODUCE_WARM).records()).isEqualTo(data.exportRecords());
        assertThat(report.step(LogThroughputBench.PLAIN_CONSUME_WARM).records()).isEqualTo(events);
        // The baselines ran in JVMs of their own, which the bench measured from outside.
        assertThat(report.step(LogThroughputBench.PLAIN_PRODUCE).peakRssBytes()).isPositive();
        assertThat(report.step(LogThroughputBench.PLAIN_CONSUME).peakRssBytes()).isPositive();
        assertThat(report.step(LogThroughputBench.INGEST).records()).isEqualTo(data.exportRecords());
        assertThat(report.step(LogThroughputBench.PLAIN_CONSUME).records()).isEqualTo(events);
        assertThat(report.step(LogThroughputBench.REPLAY).records()).isEqualTo(events);
        // The Flink jobs that do the least a replay does read every event, in JVMs of their own, measured against the
        // same baseline.
        for (String flink : List.of(
                LogThroughputBench.PLAIN_FLINK_READ,
                LogThroughputBench.PLAIN_FLINK_GROUPED,
                FlinkGrouping.PER_SPLIT.step())) {
            ThroughputReport.Step step = report.step(flink);
            assertThat(step.records()).as(flink).isEqualTo(events);
            assertThat(step.peakRssBytes()).as(flink).isPositive();
            assertThat(step.ratio())
                    .as(flink)
                    .isCloseTo(
                            step.rate()
                                    / report.step(LogThroughputBench.PLAIN_CONSUME)
                                            .rate(),
                            offset(1e-9));
        }
        // Grouped without the keyed shuffle, it found every case the keyed sort found, and no more.
        assertThat(report.checks())
                .filteredOn(
                        check -> check.check().startsWith(FlinkGrouping.PER_SPLIT.step() + " counted as many cases"))
                .singleElement()
                .satisfies(check -> assertThat(check.actual())
                        .isEqualTo(check.expected())
                        .isBetween(data.cases() / 2, data.cases()));
        assertThat(report.step(LogThroughputBench.REPLAY_JOB).seconds())
                .isLessThan(report.step(LogThroughputBench.REPLAY).seconds());
        assertThat(report.step(LogThroughputBench.INGEST).peakRssBytes()).isPositive();
        assertThat(report.step(LogThroughputBench.REPLAY).peakRssBytes()).isPositive();

        Warehouse warehouse = new Warehouse(dir.resolve("run").resolve("warehouse"));
        ReleaseManifest manifest = warehouse.manifest(warehouse.releases().resolve(data.releaseId()));
        assertThat(manifest.source().eventsRead()).isEqualTo(events);

        assertThat(report.queries()).hasSize(ReportQueries.of(2011).size() + 1);
        assertThat(report.queries())
                .filteredOn(q -> q.query().startsWith("headline"))
                .hasSize(HeadlineQueries.all().size())
                .allSatisfy(q -> assertThat(q.rows()).isPositive());
        assertThat(report.queries())
                .allSatisfy(q -> assertThat(q.p95Millis()).isGreaterThanOrEqualTo(q.medianMillis()));

        assertThat(report.checks())
                .isNotEmpty()
                .allSatisfy(
                        check -> assertThat(check.agrees()).as(check.check()).isTrue());
        assertThat(report.agrees()).isTrue();

        Path json = dir.resolve("results.json");
        report.writeJson(json);
        assertThat(ThroughputReport.readJson(json)).isEqualTo(report);
    }
}
