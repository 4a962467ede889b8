package org.casetrail.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run snapshot --events 20000} end to end, its commands in JVMs of their own on this
 * test's classpath: the steps read the same log and the snapshots report what they should. It
 * says nothing about speed.
 */
class SnapshotComparisonBenchSmokeTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSnapshotsReadTheWholeLogAndTheSameExportAppendsNothing(@TempDir Path dir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> said = new ArrayList<>();

        SnapshotComparisonBench.Report report = SnapshotComparisonBench.run(
                dir.resolve("run"), 20_000, 2009, classpath, classpath, List.of("-Xmx1g"), null, said::add);

        long events = report.step(SnapshotComparisonBench.PLAIN_CONSUME).events();
        assertThat(events).isBetween(19_000L, 21_000L);
        assertThat(report.step(SnapshotComparisonBench.SAME_COMPARISON).events())
                .isEqualTo(events);
        assertThat(report.step(SnapshotComparisonBench.THINNED_COMPARISON).events())
                .as("the same export appended nothing")
                .isEqualTo(events);
        assertThat(report.steps()).allSatisfy(step -> assertThat(step.seconds()).isPositive());
        assertThat(report.unchanged()).matches("snapshot: new 0, changed 0, unchanged \\d+, voided 0");
        Matcher thinned = Pattern.compile("snapshot: new (\\d+), changed 0, unchanged \\d+, voided (\\d+)")
                .matcher(report.thinned());
        assertThat(thinned.matches()).as(report.thinned()).isTrue();
        // Every line left out is a record gone, unless it was a malformed line, a duplicate, or a void
        // (whose record is then back).
        assertThat(Long.parseLong(thinned.group(2))).isBetween(report.linesLeftOut() * 9 / 10, report.linesLeftOut());
        assertThat(Long.parseLong(thinned.group(1))).isLessThan(report.linesLeftOut() / 10);
    }
}
