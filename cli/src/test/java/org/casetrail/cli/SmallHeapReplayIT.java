package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay's memory grows with the women in the log, not with its events: a log of about 100,000
 * events (far more than a 128 MB heap could hold as decoded events) replays in a 128 MB heap,
 * because events travel as their log bytes, are sorted by Flink's spilling sorter, and one case's
 * events are decoded at a time.
 */
class SmallHeapReplayIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aLogLargerThanTheHeapCouldHoldReplaysInA128MbHeap() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            Path export = dir.resolve("export.jsonl");
            SyntheticExport.write(SyntheticExport.Settings.defaults(4500, 128), export, SyntheticExport.Format.JSONL);
            Path key = dir.resolve("k.key");
            PseudonymKey.create(key);
            IngestSummary ingested = IngestCommand.ingest(broker.bootstrapServers(), key, "case-events", 3, List.of(export));
            assertThat(ingested.accepted()).isGreaterThan(90_000);

            // Flink's network buffers and sort memory are direct memory, sized apart from the heap.
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:MaxDirectMemorySize=256m", "-jar", CliProcessesIT.JAR.toAbsolutePath().toString(),
                    "replay", "--bootstrap-server", broker.bootstrapServers(), "--warehouse", dir.resolve("warehouse").toString()));
            Process replay = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(replay.waitFor(6, TimeUnit.MINUTES)).isTrue();
            assertThat(replay.exitValue()).as(out).isZero();
            assertThat(out).contains(ingested.accepted() + " events read").contains("audit passed");
        }
    }
}
