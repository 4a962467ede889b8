package org.casetrail.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.casetrail.schemas.event.RejectReason;
import org.junit.jupiter.api.Test;

class ExportReadersTest {

    @Test
    void hostileJsonLinesAreEachCountedOnceAndTheReadGoesOn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("{\"a\": 1}\r\n".getBytes(StandardCharsets.UTF_8)); // 1: ok, after a BOM, CRLF
        bytes.write("\n   \n".getBytes(StandardCharsets.UTF_8)); // blank lines: not records
        bytes.write("{\"a\": \n".getBytes(StandardCharsets.UTF_8)); // 4: truncated
        bytes.write("[1, 2]\n".getBytes(StandardCharsets.UTF_8)); // 5: not an object
        bytes.write(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'
        }); // 6: invalid UTF-8
        bytes.write(("{\"a\": \"" + "x".repeat(2_000_000) + "\"}\n").getBytes(StandardCharsets.UTF_8)); // 7: too long
        bytes.write("{\"a\": \"\u0000\"}\n".getBytes(StandardCharsets.UTF_8)); // 8: raw NUL inside a string
        bytes.write("{\"a\": 1, \"a\": 2}\n".getBytes(StandardCharsets.UTF_8)); // 9: duplicate key
        bytes.write("{\"a\": 1} trailing\n".getBytes(StandardCharsets.UTF_8)); // 10: trailing garbage
        bytes.write("{\"p\": {\"x\": [{\"k\": 1, \"k\": 2}]}}\n"
                .getBytes(StandardCharsets.UTF_8)); // 11: duplicate key, deep down
        bytes.write("{\"b\": 2}".getBytes(StandardCharsets.UTF_8)); // 12: ok, no final newline

        List<ExportRecord> records = readAll(new JsonLinesReader(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(records)
                .extracting(ExportRecord::lineNumber)
                .containsExactly(1L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(records)
                .extracting(ExportRecord::unreadable)
                .containsExactly(
                        null,
                        RejectReason.MALFORMED_LINE,
                        RejectReason.NOT_AN_OBJECT,
                        RejectReason.INVALID_ENCODING,
                        RejectReason.LINE_TOO_LONG,
                        RejectReason.MALFORMED_LINE,
                        RejectReason.MALFORMED_LINE,
                        RejectReason.MALFORMED_LINE,
                        RejectReason.MALFORMED_LINE,
                        null);
        assertThat(records.get(0).content().get("a").asInt()).isEqualTo(1);
        assertThat(records.get(9).content().get("b").asInt()).isEqualTo(2);
    }

    @Test
    void csvRowsBecomeTheSameObjectsAsJsonLines() throws IOException {
        String csv =
                "\uFEFFsource,case_id,person.given_name,person.aliases,details.research_use,details.grade_level,narrative\r\n"
                        + "s,C-1,Sokha,Kha|ស្រី,true,7,\"She said, \"\"no\"\"\nand left\"\r\n"
                        + "\r\n"
                        + "s,C-2,,,,,\r\n"
                        + "s,C-3,too,many,cells,here,x,y\r\n";
        List<ExportRecord> records =
                readAll(new CsvExportReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));

        assertThat(records).hasSize(3);
        var first = records.get(0).content();
        assertThat(first.get("person").get("given_name").asText()).isEqualTo("Sokha");
        assertThat(first.get("person").get("aliases")).hasSize(2);
        assertThat(first.get("details").get("research_use").isBoolean()).isTrue();
        assertThat(first.get("details").get("grade_level").asInt()).isEqualTo(7);
        assertThat(first.get("narrative").asText()).isEqualTo("She said, \"no\"\nand left");
        assertThat(records.get(1).content().has("person")).isFalse();
        assertThat(records.get(1).lineNumber()).isEqualTo(5);
        assertThat(records.get(2).unreadable()).isEqualTo(RejectReason.MALFORMED_LINE);
    }

    private static List<ExportRecord> readAll(ExportReader reader) throws IOException {
        List<ExportRecord> records = new ArrayList<>();
        ExportRecord r;
        while ((r = reader.next()) != null) {
            records.add(r);
        }
        return records;
    }
}
