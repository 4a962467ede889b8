package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxRowsTest {

    @TempDir
    Path dir;

    Path workbook;

    static InputRule sheetInput(String sheet, int headerRow, int dataRow) {
        return MappingLoader.parse("""
                        mapping_version: 1
                        source: test
                        inputs:
                          - name: cases
                            file: "*.xlsx"
                            sheet: %s
                            header_row: %d
                            first_data_row: %d
                            case_id: Name
                            events: [{type: CASE_CLOSED, occurred_at: Date, details: {reason: {constant: OTHER}}}]
                        """.formatted(sheet, headerRow, dataRow), "m.yaml")
                .inputs()
                .get(0);
    }

    /**
     * Row 1 (hidden) holds field names, row 2 labels, data from row 3: Sokha on a date cell shown
     * m/d/yy, a phone typed as a number and two formulas; Dara on a hidden row; Vanna's name merged
     * down over her three rows; then formatted but empty rows, as Excel leaves them.
     */
    @BeforeEach
    void writeWorkbook() throws Exception {
        workbook = dir.resolve("cases.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(workbook)) {
            CellStyle usDate = wb.createCellStyle();
            usDate.setDataFormat((short) 14);
            CellStyle dottedDate = wb.createCellStyle();
            dottedDate.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy"));
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("not this sheet");
            Sheet sheet = wb.createSheet("Cases");
            Row names = row(sheet, 0, "Name", "Date", "Phone", "Greeting", "Due", "Ratio");
            names.setZeroHeight(true);
            row(sheet, 1, "Full name", "Date identified", "Phone number", "Greeting", "Due", "Ratio");

            Row sokha = row(sheet, 2, "Sokha");
            sokha.createCell(1).setCellValue(LocalDate.of(2009, 3, 14));
            sokha.getCell(1).setCellStyle(usDate);
            sokha.createCell(2).setCellValue(85512345678d);
            sokha.createCell(3).setCellFormula("A3&\" of Kep\"");
            sokha.createCell(4).setCellFormula("DATE(2009,4,1)");
            sokha.getCell(4).setCellStyle(dottedDate);
            sokha.createCell(5).setCellFormula("1/0");

            Row dara = row(sheet, 3, "Dara");
            dara.createCell(1).setCellValue(40000);
            dara.setZeroHeight(true);

            for (int r = 4; r <= 6; r++) {
                Row vanna = row(sheet, r, r == 4 ? "Vanna" : null);
                vanna.createCell(1).setCellValue("2010-0" + (r - 3) + "-01");
            }
            sheet.addMergedRegion(new CellRangeAddress(4, 6, 0, 0));
            for (int r = 7; r < 30; r++) {
                sheet.createRow(r).createCell(0).setCellStyle(usDate);
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
        }
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                Cell cell = row.createCell(i);
                cell.setCellValue(values[i]);
            }
        }
        return row;
    }

    private List<SourceRow> rows(InputRule input) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (XlsxRows sheet = XlsxRows.open(workbook, input)) {
            sheet.rows(rows::add);
        }
        return rows;
    }

    @Test
    void theHeaderIsTheRowChosenHiddenOrNot() throws Exception {
        try (XlsxRows names = XlsxRows.open(workbook, sheetInput("Cases", 1, 3));
                XlsxRows labels = XlsxRows.open(workbook, sheetInput("cases", 2, 3))) {
            assertThat(names.header()).containsExactly("Name", "Date", "Phone", "Greeting", "Due", "Ratio");
            assertThat(labels.header()).startsWith("Full name", "Date identified");
        }
    }

    @Test
    void dateCellsAreIsoDatesNumbersAreWrittenOutAndFormulasGiveTheirCachedValues() throws Exception {
        SourceRow sokha = rows(sheetInput("Cases", 1, 3)).get(0);
        assertThat(Arrays.asList(sokha.cells()).subList(0, 5))
                .containsExactly("Sokha", "2009-03-14", "85512345678", "Sokha of Kep", "2009-04-01");
        assertThat(sokha.isError(5)).isTrue();
        assertThat(sokha.isError(4)).isFalse();
    }

    @Test
    void hiddenRowsAreReadAndAMergedCellGivesItsValueToEveryRowItCovers() throws Exception {
        List<SourceRow> rows = rows(sheetInput("Cases", 1, 3));
        assertThat(rows).extracting(SourceRow::number).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(1).cell(0)).isEqualTo("Dara");
        assertThat(rows.get(1).cell(1)).isEqualTo("40000");
        assertThat(new DatePatterns(List.of(), List.of()).parse(rows.get(1).cell(1)))
                .isEqualTo(LocalDate.of(2009, 7, 6));
        assertThat(rows.subList(2, 5)).extracting(r -> r.cell(0)).containsExactly("Vanna", "Vanna", "Vanna");
    }

    @Test
    void aMissingSheetIsNamedWithTheSheetsThereAre() {
        assertThatThrownBy(() -> XlsxRows.open(workbook, sheetInput("Case", 1, 3)))
                .isInstanceOf(MappingException.class)
                .hasMessage("cases.xlsx has no sheet 'Case' for input 'cases' (its sheets: Notes, Cases)");
    }

    @Test
    void aFileThatIsNoWorkbookIsSaidToBeOne() throws Exception {
        Path notAWorkbook = dir.resolve("cases-copy.xlsx");
        Files.writeString(notAWorkbook, "Name,Date\nSokha,2009-03-14\n");
        assertThatThrownBy(() -> XlsxRows.open(notAWorkbook, sheetInput("Cases", 1, 3)))
                .isInstanceOf(MappingException.class)
                .hasMessage("cases-copy.xlsx is not an .xlsx workbook (input 'cases')");
    }
}
