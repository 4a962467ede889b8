package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Copies of the HTCDS v2 Excel template itself (test resource htcds/, see its NOTICE) filled with
 * made-up rows as a user fills it: under the labels of row 2, from row 3, in cells that keep the
 * template's own styles. A {@link LocalDate} is typed as Excel stores a recognised date: its serial
 * number in a cell formatted as a date; a {@link Number} as a number in a General cell; a string as
 * text. Extra sheets, as an organisation adds them beside the case sheet, have one header row.
 */
final class HtcdsTemplateWorkbook {

    static final String TEMPLATE = "htcds/HTCDS Excel Spreadsheet single select with validation v2.0.xlsx";

    /** The shipped mappings, in the repository's mappings/ folder. */
    static Path shippedMapping(String name) {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .getParent()
                .resolve("mappings")
                .resolve(name);
    }

    private HtcdsTemplateWorkbook() {}

    /**
     * Writes a filled copy of the template.
     *
     * @param cases      each case a map from a row-2 label to its cell value
     * @param extraSheets sheets to add, by name: the header, then rows as maps from header to value
     */
    static void write(Path file, List<Map<String, Object>> cases, Map<String, ExtraSheet> extraSheets)
            throws IOException {
        try (InputStream template = HtcdsTemplateWorkbook.class.getResourceAsStream(TEMPLATE);
                XSSFWorkbook wb = new XSSFWorkbook(template);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14);
            Sheet sheet = wb.getSheet("Case Sheet");
            Map<String, Integer> columns = new HashMap<>();
            for (Cell label : sheet.getRow(1)) {
                columns.put(label.getStringCellValue(), label.getColumnIndex());
            }
            for (int r = 0; r < cases.size(); r++) {
                Row row = sheet.getRow(2 + r);
                for (Map.Entry<String, Object> value : cases.get(r).entrySet()) {
                    Integer column = columns.get(value.getKey());
                    if (column == null) {
                        throw new IllegalArgumentException("the template has no label " + value.getKey());
                    }
                    Cell cell = row.getCell(column) == null ? row.createCell(column) : row.getCell(column);
                    set(cell, value.getValue(), date);
                }
            }
            for (Map.Entry<String, ExtraSheet> extra : extraSheets.entrySet()) {
                Sheet added = wb.createSheet(extra.getKey());
                List<String> header = extra.getValue().header();
                Row names = added.createRow(0);
                for (int c = 0; c < header.size(); c++) {
                    names.createCell(c).setCellValue(header.get(c));
                }
                List<Map<String, Object>> rows = extra.getValue().rows();
                for (int r = 0; r < rows.size(); r++) {
                    Row row = added.createRow(1 + r);
                    for (Map.Entry<String, Object> value : rows.get(r).entrySet()) {
                        int c = header.indexOf(value.getKey());
                        if (c < 0) {
                            throw new IllegalArgumentException("no column " + value.getKey());
                        }
                        set(row.createCell(c), value.getValue(), date);
                    }
                }
            }
            wb.write(out);
        }
    }

    record ExtraSheet(List<String> header, List<Map<String, Object>> rows) {}

    private static void set(Cell cell, Object value, CellStyle date) {
        if (value instanceof LocalDate day) {
            cell.setCellValue(day);
            if (!org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)) {
                cell.setCellStyle(date);
            }
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else {
            cell.setCellValue((String) value);
        }
    }
}
