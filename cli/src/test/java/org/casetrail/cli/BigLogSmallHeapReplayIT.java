package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.schemas.event.CaseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay's memory grows with the women in the log, not with its events: a log of two million
 * events, which held as decoded events would take more than a 512 MB heap (measured on a sample:
 * about 420 bytes an event), replays in a 512 MB heap, because events travel as their log bytes, Flink's sorter spills them to disk,
 * one case's events are decoded at a time, and what is held to the end is one row per woman and
 * one sum per cell.
 */
class BigLogSmallHeapReplayIT {

    private static final long HEAP = 512L * 1024 * 1024;
    private static final Pattern READ = Pattern.compile("(\\d+) events read");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void twoMillionEventsReplayInA512MbHeap() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            IngestSummary ingested = IngestedCaseLoad.ingest(broker.bootstrapServers(), dir, 90_000, 2026)
                    .ingested();
            Files.delete(dir.resolve("export.jsonl"));
            assertThat(ingested.accepted()).isGreaterThan(2_000_000);
            assertThat(heapToHoldAsEvents(broker.bootstrapServers(), ingested.accepted()))
                    .as("bytes of heap that the log's events would take, held decoded")
                    .isGreaterThan(HEAP);

            Process replay = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-jar",
                            CliProcessesIT.JAR.toAbsolutePath().toString(),
                            "replay",
                            "--bootstrap-server",
                            broker.bootstrapServers(),
                            "--warehouse",
                            dir.resolve("warehouse").toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(replay.waitFor(8, TimeUnit.MINUTES)).isTrue();
            assertThat(replay.exitValue()).as(out).isZero();
            Matcher read = READ.matcher(out);
            assertThat(read.find()).as(out).isTrue();
            assertThat(Long.parseLong(read.group(1))).isEqualTo(ingested.accepted());
            assertThat(out).contains("audit passed");
        }
    }

    /**
     * About how much heap the log's events would take if a replay held them decoded: what a sample
     * of its first events takes, scaled to all of them. The premise of the test, measured.
     */
    private static long heapToHoldAsEvents(String bootstrap, long events) throws Exception {
        int sample = 50_000;
        long before = usedHeap();
        List<CaseEvent> held = LogContents.events(bootstrap, "case-events", sample).stream()
                .map(LogContents.Logged::event)
                .toList();
        long bytes = usedHeap() - before;
        assertThat(held).hasSize(sample);
        return bytes / sample * events;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
