package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.casetrail.schemas.event.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    @TempDir
    Path dir;

    static InputRule csvInput(String options) {
        return MappingLoader.parse("""
                        mapping_version: 1
                        source: test
                        inputs:
                          - name: cases
                            file: "*.csv"
                        """ + options.indent(4) + """
                            case_id: Name
                            events: [{type: CASE_CLOSED, occurred_at: Date, details: {reason: {constant: OTHER}}}]
                        """, "m.yaml")
                .inputs()
                .get(0);
    }

    private record Read(List<String> header, List<SourceRow> rows) {
        List<String> row(int i) {
            return Arrays.asList(rows.get(i).cells());
        }
    }

    private Read read(byte[] bytes, InputRule input) throws Exception {
        Path file = dir.resolve("export.csv");
        Files.write(file, bytes);
        List<SourceRow> rows = new ArrayList<>();
        try (CsvRows csv = new CsvRows(file, input)) {
            List<String> header = csv.header();
            csv.rows(rows::add);
            return new Read(header, rows);
        }
    }

    private static byte[] bytes(byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    private static final String KHMER_TABLE = "Name,Province\r\nស្រីនាង,Kampot\r\nSokha,Kep\r\n";

    @Test
    void excelsCsvUtf8WithItsByteOrderMarkReadsWithoutTheMarkInTheFirstColumn() throws Exception {
        Read read = read(
                bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, KHMER_TABLE, StandardCharsets.UTF_8),
                csvInput(""));
        assertThat(read.header()).containsExactly("Name", "Province");
        assertThat(read.row(0)).containsExactly("ស្រីនាង", "Kampot");
    }

    @Test
    void utf16InEitherByteOrderIsToldByItsMark() throws Exception {
        Read little = read(
                bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, KHMER_TABLE, StandardCharsets.UTF_16LE), csvInput(""));
        Read big = read(
                bytes(new byte[] {(byte) 0xFE, (byte) 0xFF}, KHMER_TABLE, StandardCharsets.UTF_16BE), csvInput(""));
        assertThat(little.row(0)).containsExactly("ស្រីនាង", "Kampot");
        assertThat(big.row(1)).containsExactly("Sokha", "Kep");
        assertThat(big.rows().get(1).number()).isEqualTo(3);
    }

    @Test
    void excelsUnicodeTextIsUtf16WithTabs() throws Exception {
        String text = "Name\tProvince\r\nSokha\tKep\r\n";
        Read read = read(
                bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE),
                csvInput("delimiter: tab"));
        assertThat(read.row(0)).containsExactly("Sokha", "Kep");
    }

    @Test
    void aDeclaredEncodingReadsAFileWithoutMark() throws Exception {
        Read read = read(
                "Name;Village\nJosé;Prek Leap\n".getBytes(Charset.forName("windows-1252")),
                csvInput("delimiter: ';'\nencoding: windows-1252"));
        assertThat(read.row(0)).containsExactly("José", "Prek Leap");
    }

    @Test
    void aQuotedCellMaySpanLinesAndHoldTheDelimiterAndTheQuote() throws Exception {
        String text = "Name;Note\n'Sokha';'one; ''two''\nthree'\nDara;x\n";
        Read read = read(text.getBytes(StandardCharsets.UTF_8), csvInput("delimiter: ';'\nquote: \"'\""));
        assertThat(read.row(0)).containsExactly("Sokha", "one; 'two'\nthree");
        assertThat(read.rows()).extracting(SourceRow::number).containsExactly(2L, 4L);
    }

    @Test
    void badBytesAnOpenQuoteAndAnExtraCellAreRejectsOfTheirRowNotOfTheFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Name,Province\nSokha,Kep\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'D', (byte) 0xC3, (byte) 0x28, ',', 'K', '\n'});
        out.writeBytes("Dara,Kampot,extra\nVanna,Kep,\n,\n\"Open,Kep\n".getBytes(StandardCharsets.UTF_8));
        Read read = read(out.toByteArray(), csvInput(""));
        assertThat(read.rows())
                .extracting(SourceRow::number, SourceRow::unreadable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, null),
                        org.assertj.core.groups.Tuple.tuple(3L, RejectReason.INVALID_ENCODING),
                        org.assertj.core.groups.Tuple.tuple(4L, RejectReason.MALFORMED_LINE),
                        org.assertj.core.groups.Tuple.tuple(5L, null),
                        org.assertj.core.groups.Tuple.tuple(7L, RejectReason.MALFORMED_LINE));
    }

    @Test
    void aHeaderBelowATitleRowIsFoundByItsRowNumber() throws Exception {
        Read read = read(
                "Export of 2024-03-01\nName,Province\nSokha,Kep\n".getBytes(StandardCharsets.UTF_8),
                csvInput("header_row: 2"));
        assertThat(read.header()).containsExactly("Name", "Province");
        assertThat(read.row(0)).containsExactly("Sokha", "Kep");
    }
}
