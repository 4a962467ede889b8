package org.casetrail.ingest.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The synthetic case-load as an organisation keeping the HTCDS v2 Excel template has it: a
 * workbook whose "Case Sheet" is laid out as the template's (its two header rows, column A numbering
 * a thousand rows, one row per woman), the template's "about" sheet, and two sheets of the
 * organisation's own beside them, "Services" and "Follow-ups", for what the standard does not
 * record. mappings/htcds-v2-excel.yaml reads it, dated by the snapshot of its export date
 * (docs/sources.md, "Try the spreadsheet path").
 *
 * <p>Written with POI's streaming workbook, a window of rows at a time, so that memory holds the
 * workbook's shared strings and not its rows. The same settings give the same bytes: the package's
 * dates are the export date, not the time of writing.
 */
public final class HtcdsWorkbook {

    public static final String CASE_SHEET = "Case Sheet";
    public static final String SERVICES = "Services";
    public static final String FOLLOW_UPS = "Follow-ups";

    /** Seeds how cells are written apart from the stories, so that the women are those of the same seed's export. */
    private static final long PRESENTATION = 0x4854_4344_5332L;

    /**
     * What a run wrote: rows of each sheet, and the day the workbook describes, which ingest is
     * given as the snapshot's date.
     */
    public record Written(long cases, long services, long followUps, LocalDate snapshotDate) {}

    private HtcdsWorkbook() {}

    public static Written write(SyntheticExport.Settings settings, Path file, Consumer<HtcdsCase> cases)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(settings, out, cases);
        }
    }

    /**
     * Writes the workbook.
     *
     * @param cases told each woman as her row is written, with what the shipped mapping makes of it
     */
    public static Written write(SyntheticExport.Settings settings, OutputStream out, Consumer<HtcdsCase> cases)
            throws IOException {
        // A snapshot holds each record once, as it now stands: no duplicates, voided mistakes or broken lines.
        SyntheticExport.Mess mess = new SyntheticExport.Mess(
                0, 0, 0, settings.mess().latePercent(), settings.mess().withdrawnConsentPercent());
        LocalDate snapshotDate = settings.exportDate();
        HtcdsRows rows = new HtcdsRows(snapshotDate, new Random(settings.seed() ^ PRESENTATION));
        SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 200, true, true);
        try {
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat((short) 14); // Excel's built-in short date, as the template's date cells
            SXSSFSheet caseSheet = caseSheet(workbook);
            SXSSFSheet about = workbook.createSheet("about");
            about(about);
            SXSSFSheet services = ownSheet(workbook, SERVICES, HtcdsOwnSheets.SERVICE_COLUMNS);
            SXSSFSheet followUps = ownSheet(workbook, FOLLOW_UPS, HtcdsOwnSheets.FOLLOW_UP_COLUMNS);
            long[] written = new long[3];
            SyntheticExport.tell(settings, mess, (caseId, centre, events) -> {
                HtcdsRows.Case story = rows.of(events);
                Object[] cells = story.caseRow();
                cells[0] = (double) (written[0] + 1);
                row(caseSheet, (int) (2 + written[0]++), cells, date);
                for (Object[] service : story.services()) {
                    row(services, (int) (1 + written[1]++), service, date);
                }
                for (Object[] followUp : story.followUps()) {
                    row(followUps, (int) (1 + written[2]++), followUp, date);
                }
                cases.accept(story.written());
            });
            // The template numbers its empty rows too.
            for (long n = written[0] + 1; n <= HtcdsTemplate.NUMBERED_ROWS; n++) {
                caseSheet.createRow((int) (1 + n)).createCell(0).setCellValue(n);
            }
            // The rows still held are written, and their strings shared, sheet by sheet in this order:
            // left to write, POI would take the sheets in the order of a hash of objects, different on every run.
            for (SXSSFSheet sheet : List.of(caseSheet, about, services, followUps)) {
                sheet.flushRows();
            }
            dated(workbook, snapshotDate);
            workbook.write(out);
            return new Written(written[0], written[1], written[2], snapshotDate);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** The template's two header rows: field names (hidden), then labels in bold, which the view opens on. */
    private static SXSSFSheet caseSheet(SXSSFWorkbook workbook) {
        SXSSFSheet sheet = workbook.createSheet(CASE_SHEET);
        Font bold = workbook.createFont();
        bold.setBold(true);
        bold.setFontName("Arial");
        bold.setFontHeightInPoints((short) 10);
        CellStyle label = workbook.createCellStyle();
        label.setFont(bold);
        label.setWrapText(true);
        label.setAlignment(HorizontalAlignment.LEFT);
        label.setVerticalAlignment(VerticalAlignment.TOP);
        Row names = sheet.createRow(0);
        names.setZeroHeight(true);
        Row labels = sheet.createRow(1);
        labels.setHeightInPoints(84);
        for (int c = 0; c < HtcdsTemplate.COLUMNS.size(); c++) {
            HtcdsTemplate.Column column = HtcdsTemplate.COLUMNS.get(c);
            if (!column.fieldName().isEmpty()) {
                names.createCell(c + 1).setCellValue(column.fieldName());
            }
            Cell cell = labels.createCell(c + 1);
            cell.setCellValue(column.label());
            cell.setCellStyle(label);
            sheet.setColumnWidth(c + 1, 18 * 256);
        }
        sheet.showInPane(1, 0);
        return sheet;
    }

    private static void about(Sheet sheet) {
        List<String> lines = List.of(
                "Microsoft Excel HTCDS 2.0",
                "https://github.com/UNMigration/HTCDS",
                "",
                "Synthetic data written by casetrail generate: every name, date, number and place is made up.",
                "The Case Sheet is laid out as the Human Trafficking Case Data Standard (HTCDS) v2.0 Excel template"
                        + " by IOM, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/);"
                        + " the Services and Follow-ups sheets are casetrail's. IOM does not endorse casetrail.");
        for (int r = 0; r < lines.size(); r++) {
            if (!lines.get(r).isEmpty()) {
                sheet.createRow(r).createCell(0).setCellValue(lines.get(r));
            }
        }
    }

    private static SXSSFSheet ownSheet(SXSSFWorkbook workbook, String name, List<String> columns) {
        SXSSFSheet sheet = workbook.createSheet(name);
        Row header = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            header.createCell(c).setCellValue(columns.get(c));
            sheet.setColumnWidth(c, 18 * 256);
        }
        return sheet;
    }

    private static void row(Sheet sheet, int index, Object[] cells, CellStyle date) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < cells.length; c++) {
            Object value = cells[c];
            if (value instanceof String text) {
                row.createCell(c).setCellValue(text);
            } else if (value instanceof Number number) {
                row.createCell(c).setCellValue(number.doubleValue());
            } else if (value instanceof LocalDate day) {
                Cell cell = row.createCell(c);
                cell.setCellValue(day);
                cell.setCellStyle(date);
            }
        }
    }

    /** The package's dates are the export date: the same settings write the same bytes. */
    private static void dated(SXSSFWorkbook workbook, LocalDate snapshotDate) {
        Date day = Date.from(snapshotDate.atStartOfDay().toInstant(ZoneOffset.UTC));
        POIXMLProperties.CoreProperties properties =
                workbook.getXSSFWorkbook().getProperties().getCoreProperties();
        properties.setCreated(Optional.of(day));
        properties.setModified(Optional.of(day));
        properties.setCreator("casetrail generate");
    }
}
