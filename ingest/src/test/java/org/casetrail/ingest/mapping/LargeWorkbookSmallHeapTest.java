package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook of 200,000 case rows, each with a name, a birth date, a phone and a referral date of
 * its own (so its shared strings alone are some 400,000), is mapped and translated in a JVM of its
 * own with a 256 MB heap: the sheet is streamed, never held as a workbook.
 */
class LargeWorkbookSmallHeapTest {

    static final int ROWS = 200_000;
    static final Pattern COUNTS = Pattern.compile("accepted (\\d+), rejected (\\d+), max heap (\\d+) MiB");

    static final String MAPPING = """
            mapping_version: 1
            source: big-test
            inputs:
              - name: cases
                file: "*.xlsx"
                sheet: Cases
                case_id: [Given, Family, Born]
                person: {given_name: Given, family_name: Family, date_of_birth: Born, phone: Phone}
                events:
                  - type: CASE_IDENTIFIED
                    occurred_at: Referred
                    centre: {constant: MAIN}
                    details:
                      referral_source: {constant: OUTREACH}
                      exploitation_type: {column: Exploitation, values: {SEXUAL: Sexual exploitation, LABOUR: Forced labour}}
                      province: Province
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoHundredThousandRowsAreMappedInA256MbHeap() throws Exception {
        Path workbook = dir.resolve("cases.xlsx");
        write(workbook);
        Path mapping = dir.resolve("big.yaml");
        Files.writeString(mapping, MAPPING);

        Process reader = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeWorkbookSmallHeapTest.class.getName(),
                        mapping.toString(),
                        workbook.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(reader.exitValue()).as(out).isZero();
        System.out.println(out); // the peak heap, for the record
        Matcher counts = COUNTS.matcher(out);
        assertThat(counts.find()).as(out).isTrue();
        assertThat(Long.parseLong(counts.group(1))).isEqualTo(ROWS);
        assertThat(Long.parseLong(counts.group(2))).isZero();
        assertThat(Long.parseLong(counts.group(3))).as("max heap, MiB").isLessThanOrEqualTo(256);
    }

    /** Runs in the forked JVM: maps and translates the workbook, printing the counts. */
    public static void main(String[] args) {
        MappedExport export = MappedExport.open(MappingLoader.load(Path.of(args[0])), List.of(Path.of(args[1])));
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
        long[] counts = new long[2];
        export.read(
                record -> counts[translator.translate(record) instanceof Translation.Accepted ? 0 : 1]++,
                MappingObserver.NONE);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.println("accepted " + counts[0] + ", rejected " + counts[1] + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, peak of the heap's pools "
                + peak / (1024 * 1024) + " MiB");
    }

    private static void write(Path file) throws Exception {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(new XSSFWorkbook(), 100, true, true);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14);
            Sheet sheet = wb.createSheet("Cases");
            String[] header = {"Given", "Family", "Born", "Phone", "Referred", "Exploitation", "Province"};
            Row names = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                names.createCell(c).setCellValue(header[c]);
            }
            LocalDate born = LocalDate.of(1980, 1, 1);
            LocalDate referred = LocalDate.of(2005, 1, 1);
            for (int i = 1; i <= ROWS; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("Given" + Integer.toString(i, 36));
                row.createCell(1).setCellValue("Family" + Integer.toString(i * 7, 36));
                row.createCell(2).setCellValue(born.plusDays(i % 9000));
                row.getCell(2).setCellStyle(date);
                row.createCell(3).setCellValue("+855 12 " + (100000 + i));
                row.createCell(4).setCellValue(referred.plusDays(i % 5000).toString());
                row.createCell(5).setCellValue(i % 3 == 0 ? "Forced labour" : "Sexual exploitation ");
                row.createCell(6).setCellValue(i % 2 == 0 ? "Kampot" : "Phnom Penh");
            }
            wb.write(out);
        }
    }
}
