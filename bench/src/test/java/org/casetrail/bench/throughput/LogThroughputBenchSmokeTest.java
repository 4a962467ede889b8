package org.casetrail.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.casetrail.cli.HeadlineQueries;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run --events 20000} end to end: every step runs on the same data and the steps
 * agree on what they saw. It says nothing about speed; the timings are only printed by the bench.
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

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyStepRunsOnTheSameCaseLoadAndTheCountsAgree(@TempDir Path dir) throws Exception {
        List<String> said = new ArrayList<>();
        ThroughputReport report = LogThroughputBench.run(new LogThroughputBench.Settings(20_000, 2009, dir.resolve("run"),
                cliClasspath(), cliClasspath(), List.of("-Xmx1g"), null, null), said::add);

        assertThat(report.steps()).extracting(ThroughputReport.Step::step).containsExactly(
                LogThroughputBench.PLAIN_PRODUCE, LogThroughputBench.PLAIN_PRODUCE_WARM, LogThroughputBench.INGEST,
                LogThroughputBench.PLAIN_CONSUME, LogThroughputBench.PLAIN_CONSUME_WARM, LogThroughputBench.REPLAY,
                LogThroughputBench.REPLAY_JOB);
        assertThat(report.steps()).allSatisfy(step -> {
            assertThat(step.records()).isPositive();
            assertThat(step.seconds()).isPositive();
            assertThat(step.ratio()).isPositive();
            assertThat(step.ratioToWarm()).isPositive();
        });
        assertThat(report.step(LogThroughputBench.PLAIN_PRODUCE).ratio()).isEqualTo(1.0);
        assertThat(report.step(LogThroughputBench.PLAIN_CONSUME_WARM).ratioToWarm()).isEqualTo(1.0);
        ThroughputReport.Step ingestStep = report.step(LogThroughputBench.INGEST);
        assertThat(ingestStep.ratio()).isCloseTo(ingestStep.rate() / report.step(LogThroughputBench.PLAIN_PRODUCE).rate(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ingestStep.ratioToWarm()).isCloseTo(ingestStep.rate() / report.step(LogThroughputBench.PLAIN_PRODUCE_WARM).rate(),
                org.assertj.core.data.Offset.offset(1e-9));
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
        assertThat(report.step(LogThroughputBench.REPLAY_JOB).seconds()).isLessThan(report.step(LogThroughputBench.REPLAY).seconds());
        assertThat(report.step(LogThroughputBench.INGEST).peakRssBytes()).isPositive();
        assertThat(report.step(LogThroughputBench.REPLAY).peakRssBytes()).isPositive();

        ReleaseManifest manifest = ReleaseManifest.read(new Warehouse(dir.resolve("run").resolve("warehouse")).releases()
                .resolve(data.releaseId()).resolve(Warehouse.MANIFEST));
        assertThat(manifest.eventsRead()).isEqualTo(events);

        assertThat(report.queries()).hasSize(ReportQueries.of(2011).size() + 1);
        assertThat(report.queries()).filteredOn(q -> q.query().startsWith("headline"))
                .hasSize(HeadlineQueries.all().size()).allSatisfy(q -> assertThat(q.rows()).isPositive());
        assertThat(report.queries()).allSatisfy(q -> assertThat(q.p95Millis()).isGreaterThanOrEqualTo(q.medianMillis()));

        assertThat(report.checks()).isNotEmpty().allSatisfy(check -> assertThat(check.agrees()).as(check.check()).isTrue());
        assertThat(report.agrees()).isTrue();

        Path json = dir.resolve("results.json");
        report.writeJson(json);
        assertThat(ThroughputReport.readJson(json)).isEqualTo(report);
    }
}
