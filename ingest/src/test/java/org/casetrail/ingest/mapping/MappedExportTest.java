package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.event.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedExportTest {

    @TempDir
    Path dir;

    /** What one run made, and what it told its observer. */
    record Run(List<ExportRecord> records, List<String> skipped, List<String> unmapped) {

        List<ExportRecord> made() {
            return records.stream().filter(ExportRecord::readable).toList();
        }

        List<ExportRecord> refused() {
            return records.stream().filter(r -> !r.readable()).toList();
        }

        List<String> types() {
            return made().stream().map(r -> r.content().get("type").asText()).toList();
        }

        ExportRecord first(String type) {
            return made().stream()
                    .filter(r -> r.content().get("type").asText().equals(type))
                    .findFirst()
                    .orElseThrow();
        }
    }

    static Run run(Mapping mapping, List<Path> files) {
        List<ExportRecord> records = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        MappedExport.open(mapping, files).read(records::add, new MappingObserver() {
            @Override
            public void skipped(String input, String event) {
                skipped.add(input + "/" + event);
            }

            @Override
            public void unmapped(String input, String column, String label) {
                unmapped.add(input + " " + column + " " + label);
            }
        });
        return new Run(records, skipped, unmapped);
    }

    static Map<String, Object> sokha() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cas_CaseOwner", "Staff member");
        row.put("prs_FirstName", "Sokha");
        row.put("prs_SecondName", "Chan");
        row.put("prs_Birthdate", "3/14/1990");
        row.put("prs_HomePhone", "012 345 678");
        row.put("prs_Citizenship", "Cambodia");
        row.put("vic_TypeOfExploitation", "Debt bondage ");
        row.put("cas_Status", "closed");
        row.put("cas_IncomingReferralDate", LocalDate.of(2009, 3, 14));
        row.put("cas_OutgoingReferralDate", "6/30/2010");
        row.put("cas_ReasonForCaseClosure", "Goals met");
        row.put("Shelter", "tomdy ");
        row.put("ShelterAdmissionDate", "15/3/2009");
        return row;
    }

    static Map<String, Object> with(Map<String, Object> row, Object... changes) {
        Map<String, Object> changed = new LinkedHashMap<>(row);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                changed.remove((String) changes[i]);
            } else {
                changed.put((String) changes[i], changes[i + 1]);
            }
        }
        return changed;
    }

    private Run workbook(List<Map<String, Object>> cases, List<Map<String, Object>> followUps) throws Exception {
        Path file = dir.resolve("htcds.xlsx");
        ExampleExports.workbook(file, cases, followUps);
        return run(ExampleExports.mapping("htcds-workbook.yaml"), List.of(file));
    }

    @Test
    void aCaseRowMakesAnEventOfEachDateColumnWithTheContractsFields() throws Exception {
        Run run = workbook(List.of(sokha()), List.of());

        assertThat(run.types()).containsExactly("CASE_IDENTIFIED", "SHELTER_ADMITTED", "CASE_CLOSED");
        JsonNode identified = run.first("CASE_IDENTIFIED").content();
        assertThat(identified.get("source").asText()).isEqualTo("htcds-example");
        assertThat(identified.get("case_id").asText()).isEqualTo("[\"sokha\",\"chan\",\"1990-03-14\"]");
        assertThat(identified.get("source_event_id").asText())
                .isEqualTo("[\"cases\",\"case_identified\",\"[\\\"sokha\\\",\\\"chan\\\",\\\"1990-03-14\\\"]\"]");
        assertThat(identified.get("occurred_at").asText()).isEqualTo("2009-03-14");
        assertThat(identified.get("centre").asText()).isEqualTo("MAIN");
        assertThat(identified.get("details").toString())
                .isEqualTo("{\"referral_source\":\"NGO_REFERRAL\",\"exploitation_type\":\"LABOUR\"}");
        assertThat(identified.get("person").toString())
                .isEqualTo("{\"given_name\":\"Sokha\",\"family_name\":\"Chan\",\"date_of_birth\":\"1990-03-14\","
                        + "\"phone\":\"012 345 678\",\"nationality\":\"KH\"}");
        JsonNode admitted = run.first("SHELTER_ADMITTED").content();
        assertThat(admitted.get("occurred_at").asText()).isEqualTo("2009-03-15");
        assertThat(admitted.get("centre").asText()).isEqualTo("TOM_DY");
        JsonNode closed = run.first("CASE_CLOSED").content();
        assertThat(closed.get("occurred_at").asText()).isEqualTo("2010-06-30");
        assertThat(closed.get("details").get("reason").asText()).isEqualTo("GOALS_MET");
    }

    @Test
    void aRowThatMeetsNoConditionOfAnEventMakesNoneAndIsNoReject() throws Exception {
        Run run = workbook(
                List.of(with(sokha(), "cas_Status", "Open", "ShelterAdmissionDate", null, "Shelter", null)), List.of());
        assertThat(run.types()).containsExactly("CASE_IDENTIFIED");
        assertThat(run.refused()).isEmpty();
        assertThat(run.skipped()).containsExactly("cases/shelter_admitted", "cases/case_closed");
    }

    @Test
    void anEmptyColumnFallsBackToItsFallbackColumn() throws Exception {
        Run run = workbook(
                List.of(with(sokha(), "cas_IncomingReferralDate", null, "cas_IntakeDate", "4/2/2009")), List.of());
        assertThat(run.first("CASE_IDENTIFIED").content().get("occurred_at").asText())
                .isEqualTo("2009-04-02");
    }

    @Test
    void valueMapsForgiveCaseAndSpacesAndSettleAMultiSelect() throws Exception {
        Run run = workbook(
                List.of(
                        with(sokha(), "vic_TypeOfExploitation", "  FORCED   labour"),
                        with(sokha(), "prs_FirstName", "Dara", "vic_TypeOfExploitation", "Forced labour; Debt bondage"),
                        with(
                                sokha(),
                                "prs_FirstName",
                                "Vanna",
                                "vic_TypeOfExploitation",
                                "Prostitution;Forced labour")),
                List.of());
        assertThat(run.made().stream()
                        .filter(r -> r.content().get("type").asText().equals("CASE_IDENTIFIED"))
                        .map(r -> r.content().at("/details/exploitation_type").asText()))
                .containsExactly("LABOUR", "LABOUR", "OTHER");
    }

    @Test
    void anUnmappedLabelIsARejectNamingItsColumnAndShownOnlyWhenNotAnIdentity() throws Exception {
        Run run = workbook(
                List.of(
                        with(sokha(), "vic_TypeOfExploitation", "Surrogacy"),
                        with(sokha(), "prs_FirstName", "Dara", "prs_Citizenship", "Atlantis")),
                List.of());

        assertThat(run.refused())
                .extracting(ExportRecord::lineNumber, ExportRecord::unreadable, ExportRecord::field)
                .containsExactly(
                        tuple(3L, RejectReason.BAD_ENUM_VALUE, "vic_TypeOfExploitation"),
                        tuple(4L, RejectReason.BAD_ENUM_VALUE, "prs_Citizenship"));
        // Sokha's other events are made; Dara's row has no person block, so none of hers is.
        assertThat(run.types()).containsExactly("SHELTER_ADMITTED", "CASE_CLOSED");
        assertThat(run.unmapped()).containsExactly("cases vic_TypeOfExploitation Surrogacy");
    }

    @Test
    void aRowWithoutItsIdentityIsOneRejectNamingTheMissingColumn() throws Exception {
        Run run = workbook(List.of(with(sokha(), "prs_Birthdate", null)), List.of());
        assertThat(run.records())
                .extracting(ExportRecord::lineNumber, ExportRecord::unreadable, ExportRecord::field)
                .containsExactly(tuple(3L, RejectReason.MISSING_FIELD, "prs_Birthdate"));
    }

    @Test
    void anUnreadableDateRejectsTheEventsThatNeedItOnly() throws Exception {
        Run run = workbook(List.of(with(sokha(), "ShelterAdmissionDate", "the 15th")), List.of());
        assertThat(run.types()).containsExactly("CASE_IDENTIFIED", "CASE_CLOSED");
        assertThat(run.refused())
                .extracting(ExportRecord::unreadable, ExportRecord::field)
                .containsExactly(tuple(RejectReason.BAD_DATE, "ShelterAdmissionDate"));
        // The reject keeps the ids, so that it is pseudonymized like any other.
        assertThat(run.refused().get(0).content().get("source_event_id").asText())
                .contains("shelter_admitted");
    }

    @Test
    void aFollowUpSheetFindsItsCaseWhateverTheSpellingOfItsIdentity() throws Exception {
        Map<String, Object> visit = new HashMap<>(Map.of(
                "First name", "  SOKHA ",
                "Last name", "chan",
                "Birth date", LocalDate.of(1990, 3, 14),
                "Date", LocalDate.of(2011, 1, 5),
                "Status", "ok",
                "Work", "Own business"));
        Run run = workbook(List.of(sokha()), List.of(visit));
        ExportRecord followUp = run.first("FOLLOW_UP");
        assertThat(followUp.content().get("case_id").asText())
                .isEqualTo(run.first("CASE_IDENTIFIED").content().get("case_id").asText());
        assertThat(followUp.content().get("details").toString())
                .isEqualTo("{\"status\":\"STABLE\",\"livelihood\":\"SELF_EMPLOYED\"}");
        assertThat(followUp.content().has("person")).isFalse();
    }

    @Test
    void theSameRecordsComeOutOfRowsInAnyOrder() throws Exception {
        List<Map<String, Object>> cases = List.of(
                sokha(),
                with(sokha(), "prs_FirstName", "Dara", "cas_IncomingReferralDate", "5/6/2010"),
                with(sokha(), "prs_FirstName", "Vanna", "cas_Status", "Open"));
        List<Map<String, Object>> visits = new ArrayList<>();
        for (int month = 1; month <= 3; month++) {
            visits.add(Map.of(
                    "First name", "Dara",
                    "Last name", "Chan",
                    "Birth date", "3/14/1990",
                    "Date", LocalDate.of(2011, month, 5),
                    "Status", "At risk"));
        }
        Set<String> sorted = recordsById(workbook(cases, visits));
        Set<String> resorted = recordsById(workbook(
                List.of(cases.get(2), cases.get(0), cases.get(1)),
                List.of(visits.get(1), visits.get(2), visits.get(0))));
        assertThat(sorted).hasSize(3 + 3 + 2 + 3).isEqualTo(resorted);
    }

    private static Set<String> recordsById(Run run) {
        return run.made().stream()
                .map(r -> r.content().get("source_event_id").asText() + " " + r.content())
                .collect(Collectors.toSet());
    }

    @Test
    void repeatRowsOfAnOdkExportAreTheirSubmissionsCase() throws Exception {
        ExampleExports.odkSubmissions(
                dir,
                List.of(
                        "2024-02-01T10:00:00.000+07:00,Sokha,Chan,1990-03-14,2024-01-30,forced_labour child_labour,"
                                + "uuid:aaa,uuid:aaa",
                        "2024-02-02T10:00:00.000+07:00,Dara,Chan,1991-04-15,,sexual_exploitation forced_labour,"
                                + "uuid:bbb,uuid:bbb"));
        ExampleExports.odkServices(
                dir,
                List.of(
                        "medical,2024-02-03,general,,uuid:aaa,uuid:aaa/services[1]",
                        "training,2024-02-10,,sewing,uuid:aaa,uuid:aaa/services[2]",
                        "counselling,2024-02-04,individual,,uuid:bbb,uuid:bbb/services[1]",
                        "massage,2024-02-05,,,uuid:bbb,uuid:bbb/services[2]",
                        "medical,2024-02-05,general,,uuid:zzz,uuid:zzz/services[1]"));
        Run run = run(
                ExampleExports.mapping("odk-submissions.yaml"),
                List.of(dir.resolve("htcds_form-services.csv"), dir.resolve("htcds_form.csv")));

        assertThat(run.made())
                .extracting(
                        r -> r.content().get("type").asText(),
                        r -> r.content().get("case_id").asText(),
                        r -> r.content().get("occurred_at").asText())
                .containsExactly(
                        tuple("CASE_IDENTIFIED", "[\"sokha\",\"chan\",\"1990-03-14\"]", "2024-01-30"),
                        tuple("CASE_IDENTIFIED", "[\"dara\",\"chan\",\"1991-04-15\"]", "2024-02-02"),
                        tuple("MEDICAL_CARE", "[\"sokha\",\"chan\",\"1990-03-14\"]", "2024-02-03"),
                        tuple("TRAINING_ENROLLED", "[\"sokha\",\"chan\",\"1990-03-14\"]", "2024-02-10"),
                        tuple("COUNSELLING_SESSION", "[\"dara\",\"chan\",\"1991-04-15\"]", "2024-02-04"));
        assertThat(run.made().get(0).content().at("/details/exploitation_type").asText())
                .isEqualTo("LABOUR");
        assertThat(run.made().get(1).content().at("/details/exploitation_type").asText())
                .isEqualTo("OTHER");
        assertThat(run.first("TRAINING_ENROLLED").content().get("details").toString())
                .isEqualTo("{\"course\":\"SEWING\"}");
        assertThat(run.first("MEDICAL_CARE").content().get("person").toString())
                .isEqualTo("{\"date_of_birth\":\"1990-03-14\"}");
        assertThat(run.first("MEDICAL_CARE").content().get("source_event_id").asText())
                .isEqualTo("[\"services\",\"service\",\"[\\\"sokha\\\",\\\"chan\\\",\\\"1990-03-14\\\"]\","
                        + "\"uuid:aaa/services[1]\"]");
        assertThat(run.refused())
                .extracting(ExportRecord::lineNumber, ExportRecord::unreadable, ExportRecord::field)
                .containsExactly(
                        tuple(5L, RejectReason.UNKNOWN_TYPE, "service_type"),
                        tuple(6L, RejectReason.BAD_VALUE, "PARENT_KEY"));
        assertThat(run.unmapped()).containsExactly("services service_type massage");
    }

    static final String KOBO = """
            mapping_version: 1
            source: kobo-example
            inputs:
              - name: submissions
                file: "*.xlsx"
                sheet: htcds
                link_key: _index
                case_id: [First Name, Second Name, Birthdate]
                events:
                  - type: CASE_IDENTIFIED
                    occurred_at: {column: Incoming Referral Date, fallback_column: _submission_time}
                    centre: {constant: MAIN}
                    details: {referral_source: {constant: OUTREACH}, exploitation_type: {constant: OTHER}}
              - name: visits
                file: "*.xlsx"
                sheet: visits
                parent: submissions
                parent_key: _parent_index
                key: [visit_date]
                events:
                  - type: FOLLOW_UP
                    occurred_at: visit_date
                    details: {status: {column: status, values: {STABLE: stable, AT_RISK: at_risk}}}
            """;

    /** A Kobo XLSX export: its main sheet and repeat sheet, linked by row numbers ({@code _index}). */
    private Path koboWorkbook(String name, List<List<String>> submissions, List<List<String>> visits) throws Exception {
        Path file = dir.resolve(name);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            sheet(
                    wb,
                    "htcds",
                    List.of(
                            "First Name",
                            "Second Name",
                            "Birthdate",
                            "Incoming Referral Date",
                            "_submission_time",
                            "_uuid",
                            "_index"),
                    submissions);
            sheet(
                    wb,
                    "visits",
                    List.of("visit_date", "status", "_index", "_parent_table_name", "_parent_index"),
                    visits);
            wb.write(out);
        }
        return file;
    }

    private static void sheet(
            org.apache.poi.xssf.usermodel.XSSFWorkbook wb, String name, List<String> header, List<List<String>> rows) {
        var sheet = wb.createSheet(name);
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (int r = 0; r < all.size(); r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < all.get(r).size(); c++) {
                row.createCell(c).setCellValue(all.get(r).get(c));
            }
        }
    }

    @Test
    void koboRepeatSheetsLinkByRowNumbersYetRecordIdsDoNotDependOnThem() throws Exception {
        Mapping kobo = MappingLoader.parse(KOBO, "kobo.yaml");
        List<String> sokha = List.of("Sokha", "Chan", "1990-03-14", "2024-01-30", "2024-02-01T09:41:19", "aaa");
        List<String> dara = List.of("Dara", "Chan", "1991-04-15", "", "2024-02-02T10:00:00", "bbb");
        Path first = koboWorkbook(
                "first.xlsx",
                List.of(with(sokha, "1"), with(dara, "2")),
                List.of(
                        List.of("2024-03-01", "stable", "1", "htcds", "1"),
                        List.of("2024-03-02", "at_risk", "2", "htcds", "2")));
        Path resorted = koboWorkbook(
                "resorted.xlsx",
                List.of(with(dara, "1"), with(sokha, "2")),
                List.of(
                        List.of("2024-03-02", "at_risk", "1", "htcds", "1"),
                        List.of("2024-03-01", "stable", "2", "htcds", "2")));

        Run run = run(kobo, List.of(first));
        assertThat(run.refused()).isEmpty();
        assertThat(run.made())
                .extracting(
                        r -> r.content().get("type").asText(),
                        r -> r.content().get("case_id").asText())
                .containsExactly(
                        tuple("CASE_IDENTIFIED", "[\"sokha\",\"chan\",\"1990-03-14\"]"),
                        tuple("CASE_IDENTIFIED", "[\"dara\",\"chan\",\"1991-04-15\"]"),
                        tuple("FOLLOW_UP", "[\"sokha\",\"chan\",\"1990-03-14\"]"),
                        tuple("FOLLOW_UP", "[\"dara\",\"chan\",\"1991-04-15\"]"));
        assertThat(recordsById(run(kobo, List.of(resorted)))).isEqualTo(recordsById(run));
    }

    private static List<String> with(List<String> row, String index) {
        List<String> cells = new ArrayList<>(row);
        cells.add(index);
        return cells;
    }

    @Test
    void aColumnTheHeaderLacksStopsTheRunBeforeAnyRowNamingTheMappingLine() throws Exception {
        ExampleExports.odkSubmissions(dir, List.of());
        java.nio.file.Files.writeString(
                dir.resolve("htcds_form-services.csv"), "service_type,service_date,PARENT_KEY,KEY\n");
        assertThatThrownBy(() -> MappedExport.open(
                        ExampleExports.mapping("odk-submissions.yaml"),
                        List.of(dir.resolve("htcds_form.csv"), dir.resolve("htcds_form-services.csv"))))
                .isInstanceOf(MappingException.class)
                .hasMessage("odk-submissions.yaml:44: column 'service_kind' of input 'services' is not in the header"
                        + " of htcds_form-services.csv (header row 1)");
    }

    @Test
    void filesAndInputsMustMatch() throws Exception {
        ExampleExports.odkSubmissions(dir, List.of());
        Mapping odk = ExampleExports.mapping("odk-submissions.yaml");
        assertThatThrownBy(() -> MappedExport.open(odk, List.of(dir.resolve("htcds_form.csv"))))
                .isInstanceOf(MappingException.class)
                .hasMessage("odk-submissions.yaml:30: input 'services' (file 'htcds_form-services.csv') matches none"
                        + " of the files given");
        assertThatThrownBy(() -> MappedExport.open(odk, List.of(dir.resolve("other.csv"))))
                .isInstanceOf(MappingException.class)
                .hasMessage("export other.csv matches the 'file' of no input of odk-submissions.yaml"
                        + " (htcds_form.csv, htcds_form-services.csv)");
    }

    @Test
    void aRejectOfTheTranslatorNamesTheColumnTheFieldCameFrom() throws Exception {
        Run run = workbook(List.of(with(sokha(), "cas_IncomingReferralDate", "3/14/1909")), List.of());
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
        Translation identified = translator.translate(run.records().get(0));
        assertThat(identified).isInstanceOf(Translation.Rejected.class);
        var reject = ((Translation.Rejected) identified).reject();
        assertThat(reject.getReason()).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reject.getField()).isEqualTo("cas_IncomingReferralDate");
        assertThat(reject.getLineNumber()).isEqualTo(3);
        assertThat(reject.getCasePseudonym()).hasSize(32);
    }
}
