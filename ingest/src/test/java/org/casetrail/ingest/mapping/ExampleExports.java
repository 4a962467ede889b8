package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Exports shaped as the example mappings under test resources expect: a workbook laid out as the
 * HTCDS v2 template (htcds-workbook.yaml) and an ODK Central CSV pair (odk-submissions.yaml). A
 * cell given as a {@link LocalDate} is written as an Excel date cell.
 */
final class ExampleExports {

    /** As in the template, column A has no name and numbers the rows, empty ones too. */
    static final List<String> CASE_COLUMNS = List.of(
            "",
            "cas_CaseOwner",
            "prs_FirstName",
            "prs_SecondName",
            "prs_Birthdate",
            "prs_MobilePhone",
            "prs_HomePhone",
            "prs_Email",
            "prs_Citizenship",
            "vic_TypeOfExploitation",
            "cas_Status",
            "cas_IncomingReferralDate",
            "cas_IntakeDate",
            "cas_OutgoingReferralDate",
            "cas_ReasonForCaseClosure",
            "Shelter",
            "ShelterAdmissionDate");

    static final List<String> FOLLOW_UP_COLUMNS =
            List.of("First name", "Last name", "Birth date", "Date", "Status", "Work");

    private ExampleExports() {}

    static Mapping mapping(String resource) {
        return MappingLoader.parse(MappingLoaderTest.resource(resource), resource);
    }

    /** Writes the workbook: each case and follow-up a map from column name to cell value. */
    static void workbook(Path file, List<Map<String, Object>> cases, List<Map<String, Object>> followUps)
            throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14);
            Sheet sheet = wb.createSheet("Cases");
            Row names = header(sheet, 0, CASE_COLUMNS);
            names.setZeroHeight(true);
            header(
                    sheet,
                    1,
                    CASE_COLUMNS.stream().map(c -> c.replaceAll("^[a-z]+_", "")).toList());
            rows(sheet, 2, CASE_COLUMNS, cases, date);
            for (int r = 2; r < 2 + cases.size() + 20; r++) {
                Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
                row.createCell(0).setCellValue(r - 1);
            }
            Sheet visits = wb.createSheet("Follow-ups");
            header(visits, 0, FOLLOW_UP_COLUMNS);
            rows(visits, 1, FOLLOW_UP_COLUMNS, followUps, date);
            wb.write(out);
        }
    }

    private static Row header(Sheet sheet, int index, List<String> columns) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < columns.size(); c++) {
            row.createCell(c).setCellValue(columns.get(c));
        }
        return row;
    }

    private static void rows(
            Sheet sheet, int first, List<String> columns, List<Map<String, Object>> rows, CellStyle date) {
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(first + r);
            for (Map.Entry<String, Object> cell : rows.get(r).entrySet()) {
                int c = columns.indexOf(cell.getKey());
                if (c < 0) {
                    throw new IllegalArgumentException("no column " + cell.getKey());
                }
                if (cell.getValue() instanceof LocalDate day) {
                    row.createCell(c).setCellValue(day);
                    row.getCell(c).setCellStyle(date);
                } else if (cell.getValue() instanceof Number number) {
                    row.createCell(c).setCellValue(number.doubleValue());
                } else {
                    row.createCell(c).setCellValue((String) cell.getValue());
                }
            }
        }
    }

    /** The main CSV of an ODK Central export, as Central writes it. */
    static void odkSubmissions(Path dir, List<String> rows) throws IOException {
        Files.write(
                dir.resolve("htcds_form.csv"),
                concat(
                        "SubmissionDate,prs_First_Name,prs_Second_Name,prs_Birthdate,cas_IncomingReferralDate,"
                                + "vic_TypeOfExploitation,meta-instanceID,KEY",
                        rows));
    }

    /** The CSV of the repeat group {@code services}. */
    static void odkServices(Path dir, List<String> rows) throws IOException {
        Files.write(
                dir.resolve("htcds_form-services.csv"),
                concat("service_type,service_date,service_kind,course,PARENT_KEY,KEY", rows));
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }
}
