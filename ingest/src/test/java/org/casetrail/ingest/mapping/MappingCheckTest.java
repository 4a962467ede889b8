package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingCheckTest {

    @TempDir
    Path dir;

    @Test
    void theReportSaysWhatEachColumnBecomesAndCountsEventsRejectsAndUnmappedLabels() throws Exception {
        Path file = dir.resolve("htcds.xlsx");
        ExampleExports.workbook(
                file,
                List.of(
                        MappedExportTest.sokha(),
                        MappedExportTest.with(
                                MappedExportTest.sokha(),
                                "prs_FirstName",
                                "Dara",
                                "vic_TypeOfExploitation",
                                "Surrogacy",
                                "ShelterAdmissionDate",
                                null,
                                "cas_Status",
                                "Active"),
                        MappedExportTest.with(
                                MappedExportTest.sokha(), "prs_FirstName", "Vanna", "prs_Citizenship", "Atlantis"),
                        MappedExportTest.with(
                                MappedExportTest.sokha(),
                                "prs_FirstName",
                                "Kanha",
                                "cas_OutgoingReferralDate",
                                "soon")),
                List.of(Map.of(
                        "First name", "Sokha",
                        "Last name", "Chan",
                        "Birth date", "3/14/1990",
                        "Date", LocalDate.of(2011, 1, 5),
                        "Status", "Stable")));
        MappingCheck check =
                MappingCheck.run(MappedExport.open(ExampleExports.mapping("htcds-workbook.yaml"), List.of(file)));
        List<String> report = check.report();

        assertThat(report)
                .containsSubsequence(
                        "mapping htcds-workbook.yaml: source htcds-example, inputs cases, followups",
                        "input cases: htcds.xlsx, sheet Cases (header row 1, data from row 3), 4 rows",
                        "  cas_CaseOwner             not read",
                        "  prs_FirstName             case_id (identity); person.given_name",
                        "  prs_Birthdate             case_id (identity); person.date_of_birth",
                        "  prs_MobilePhone           person.phone",
                        "  prs_HomePhone             person.phone (fallback)",
                        "  prs_Citizenship           person.nationality (value map)",
                        "  vic_TypeOfExploitation    case_identified: details.exploitation_type (value map"
                                + " 'exploitation')",
                        "  cas_Status                case_closed: when",
                        "  cas_IncomingReferralDate  case_identified: occurred_at",
                        "  cas_IntakeDate            case_identified: occurred_at (fallback)",
                        "input followups: htcds.xlsx, sheet Follow-ups (header row 1, data from row 2), 1 rows",
                        "  Date        record key; follow_up: occurred_at",
                        "  Work        follow_up: details.livelihood (value map)",
                        "events: CASE_IDENTIFIED 2, SHELTER_ADMITTED 2, FOLLOW_UP 1, CASE_CLOSED 1",
                        "not made, their 'when' not met: cases/shelter_admitted 1, cases/case_closed 1",
                        "rejects: 3",
                        "labels no value map names (input, column: label and rows):",
                        "  cases vic_TypeOfExploitation: \"Surrogacy\" 1",
                        "read 9, accepted 6, rejected 3 (nothing written)")
                .contains(
                        "  BAD_DATE  cas_OutgoingReferralDate  1",
                        "  BAD_ENUM_VALUE  prs_Citizenship  1",
                        "  BAD_ENUM_VALUE  vic_TypeOfExploitation  1");
        String text = String.join("\n", report).toLowerCase(java.util.Locale.ROOT);
        for (String identity :
                List.of("sokha", "dara", "vanna", "kanha", "chan", "1990", "3/14", "012 345", "atlantis", "cambodia")) {
            assertThat(text).as("identity %s", identity).doesNotContain(identity);
        }
    }

    @Test
    void recordIdsMadeTwiceAreCountedForAKeyIsMissing() throws Exception {
        Path file = dir.resolve("htcds.xlsx");
        Map<String, Object> visit =
                Map.of("First name", "Sokha", "Last name", "Chan", "Birth date", "3/14/1990", "Status", "Stable");
        ExampleExports.workbook(
                file,
                List.of(MappedExportTest.sokha()),
                List.of(
                        MappedExportTest.with(visit, "Date", "2011-01-05"),
                        MappedExportTest.with(visit, "Date", "2011-01-05", "Status", "At risk")));
        List<String> report = MappingCheck.run(
                        MappedExport.open(ExampleExports.mapping("htcds-workbook.yaml"), List.of(file)))
                .report();
        assertThat(report)
                .contains("record ids made twice: 1 (rows that are one record to casetrail: give their input a 'key')");
    }

    @Test
    void anOptionalSheetTheWorkbookLacksIsNotReadAndTheCheckSaysSo() throws Exception {
        Path file = dir.resolve("htcds.xlsx");
        ExampleExports.workbook(file, List.of(MappedExportTest.sokha()), List.of());
        String yaml = MappingLoaderTest.resource("htcds-workbook.yaml")
                .replace("    sheet: Follow-ups\n", "    sheet: Services\n    optional: true\n");
        Mapping mapping = MappingLoader.parse(yaml, "services.yaml");

        List<String> report =
                MappingCheck.run(MappedExport.open(mapping, List.of(file))).report();
        assertThat(report)
                .containsSubsequence(
                        "input cases: htcds.xlsx, sheet Cases (header row 1, data from row 3), 1 rows",
                        "input followups: htcds.xlsx has no sheet 'Services' (optional: not read)",
                        "events: CASE_IDENTIFIED 1, SHELTER_ADMITTED 1, CASE_CLOSED 1");

        Mapping required = MappingLoader.parse(yaml.replace("    optional: true\n", ""), "services.yaml");
        assertThatThrownBy(() -> MappedExport.open(required, List.of(file)))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("htcds.xlsx has no sheet 'Services' for input 'followups' (its sheets: Cases,");
    }
}
