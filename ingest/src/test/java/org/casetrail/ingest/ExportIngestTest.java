package org.casetrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.schemas.event.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportIngestTest {

    private static final String GOOD =
            "{\"source\": \"s\", \"source_event_id\": \"E-%d\", \"case_id\": \"C-1\", \"type\": \"MEDICAL_CARE\", "
                    + "\"occurred_at\": \"2010-01-01\", \"details\": {\"kind\": \"GENERAL\"}}\n";

    @Test
    void hostileExportIsReadToTheEndAndEveryLineCountedOnce(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(String.format(GOOD, 1).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        bytes.write("\n\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"source\": \"s\", \"source_event_id\"".getBytes(StandardCharsets.UTF_8));
        bytes.write('\n');
        bytes.write("\"just a string\"\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}', '\n'});
        bytes.write(("{\"narrative\": \"" + "A".repeat(3 * 1024 * 1024) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {0, 0, 0, '\n'});
        bytes.write(String.format(GOOD, 2).getBytes(StandardCharsets.UTF_8));
        bytes.write(String.format(GOOD, 3).trim().getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("hostile.jsonl");
        Files.write(file, bytes.toByteArray());

        CollectingLog log = new CollectingLog();
        IngestSummary summary = new ExportIngest(
                        new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32]))), log, b -> {})
                .ingest(List.of(file));

        assertThat(summary.read()).isEqualTo(8);
        assertThat(summary.accepted()).isEqualTo(3);
        assertThat(summary.rejectedByReason())
                .containsOnly(
                        java.util.Map.entry(RejectReason.MALFORMED_LINE, 2L),
                        java.util.Map.entry(RejectReason.NOT_AN_OBJECT, 1L),
                        java.util.Map.entry(RejectReason.INVALID_ENCODING, 1L),
                        java.util.Map.entry(RejectReason.LINE_TOO_LONG, 1L));
        assertThat(log.events).hasSize(3);
        assertThat(log.rejects).extracting(r -> r.getLineNumber()).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(summary.line()).startsWith("read 8, accepted 3, rejected 5");
    }
}
