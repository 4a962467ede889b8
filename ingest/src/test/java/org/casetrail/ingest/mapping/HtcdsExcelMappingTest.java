package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mappings/htcds-v2-excel.yaml on copies of the HTCDS v2 Excel template itself, filled as people
 * fill it: birth dates as date cells, serial numbers and text, labels with the template's stray
 * spaces and capitals, the address under its visible labels (which row 1's hidden names contradict),
 * women without a referral date or any date at all; with and without the Services and Follow-ups
 * sheets an organisation adds.
 */
class HtcdsExcelMappingTest {

    static final LocalDate SNAPSHOT = LocalDate.of(2012, 6, 30);

    @TempDir
    Path dir;

    static Map<String, Object> row(Object... labelsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            row.put((String) labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return row;
    }

    /** Five women, the template's defects and gaps between them. */
    static List<Map<String, Object>> cases() {
        return List.of(
                row(
                        "Case Owner", "Staff Sarath",
                        "Salutation", "Ms",
                        "First Name", "Rotha",
                        "Second Name", "Prum",
                        "Consent", "Yes",
                        "Birthdate", LocalDate.of(1990, 3, 14),
                        "Gender", "Feminine",
                        "Citizenship", "Cambodia",
                        "Email", "rotha.prum@mail.example",
                        "Home Phone", "023 555 101",
                        "Mobile Phone", "012 555 101",
                        "Mailing Street", "House 12, Street 271",
                        "Mailing City", "Prek Leap",
                        "Mailing State/Province", "Kandal",
                        "Mailing Zip/Postal Code", "12000",
                        "Mailing Country", "KH",
                        "Trafficking Status", "Actual victim of trafficking",
                        "Methods of Control", "Debt bondage ",
                        "Type of Exploitation", "Sexual exploitation",
                        "Type of Sex Exploitation", "Prostitution",
                        "Location of Exploitation", "Svay Pak",
                        "Status", "Active",
                        "Referring Organisation", "Police",
                        "Incoming Referral Date", LocalDate.of(2009, 3, 14),
                        "Referring Primary Case Worker", "Officer Vichet",
                        "Reason for Incoming Referral", "Additional Services Required",
                        "Incoming Referral Details", "Found during an operation"),
                row(
                        "First Name", "Kimsour",
                        "Second Name", "Nhem",
                        "Birthdate", 33805, // 1992-07-20 as a serial in the template's General cell
                        "Citizenship", "Viet Nam",
                        "Home Phone", "023 555 202",
                        "Type of Exploitation", "forced labour",
                        "Forced Labour Industry", "Manufacturing",
                        "Status", "Follow up",
                        "Referring Organisation", "Partner NGO ",
                        "Incoming Referral Date", LocalDate.of(2010, 6, 1)),
                row(
                        "First Name", "Phearom",
                        "Second Name", "Yim",
                        "Consent", "No",
                        "Birthdate", "17/05/1988",
                        "Type of Exploitation", "Servitude",
                        "Status", "Closed",
                        "Reason for Case Closure", "Phearom went home to her mother"),
                row(
                        "First Name", "Sreytouch",
                        "Second Name", "Vong",
                        "Status", "Closed Referred",
                        "Referred Organisation", "Partner NGO",
                        "Reason for Outgoing Referral", "Migration Or Change Of Location",
                        "Outgoing Referral Date", LocalDate.of(2012, 2, 1)),
                row(
                        "First Name", "Chhorvy",
                        "Second Name", "Meas",
                        "Type of Exploitation", "Forced labour; Sexual exploitation"));
    }

    static final List<String> SERVICE_COLUMNS =
            List.of("First Name", "Second Name", "Birthdate", "Date", "Service", "Centre", "Detail");
    static final List<String> FOLLOW_UP_COLUMNS =
            List.of("First Name", "Second Name", "Birthdate", "Date", "Status", "Livelihood", "Income");

    /** Rotha's services, her names and birth date written otherwise than on the case sheet; one for Chhorvy. */
    static Map<String, HtcdsTemplateWorkbook.ExtraSheet> sheets() {
        Map<String, Object> rotha = row("First Name", "ROTHA ", "Second Name", "prum", "Birthdate", "14/03/1990");
        Map<String, HtcdsTemplateWorkbook.ExtraSheet> sheets = new LinkedHashMap<>();
        sheets.put(
                "Services",
                new HtcdsTemplateWorkbook.ExtraSheet(
                        SERVICE_COLUMNS,
                        List.of(
                                with(
                                        rotha,
                                        "Date",
                                        LocalDate.of(2009, 3, 15),
                                        "Service",
                                        "Shelter admission",
                                        "Centre",
                                        "Tom Dy"),
                                with(
                                        rotha,
                                        "Date",
                                        LocalDate.of(2009, 4, 1),
                                        "Service",
                                        "Education assessment",
                                        "Detail",
                                        4),
                                with(
                                        rotha,
                                        "Date",
                                        LocalDate.of(2009, 5, 1),
                                        "Service",
                                        "Training enrolment",
                                        "Detail",
                                        "Sewing"),
                                with(
                                        rotha,
                                        "Date",
                                        LocalDate.of(2010, 1, 10),
                                        "Service",
                                        "Shelter exit",
                                        "Centre",
                                        "Tom Dy",
                                        "Detail",
                                        "Reintegrated"),
                                with(
                                        rotha,
                                        "Date",
                                        LocalDate.of(2010, 1, 10),
                                        "Service",
                                        "Reintegration",
                                        "Detail",
                                        "With family"),
                                with(
                                        rotha,
                                        "Date",
                                        LocalDate.of(2010, 2, 1),
                                        "Service",
                                        "Job",
                                        "Detail",
                                        "Garment factory"),
                                row(
                                        "First Name", "Chhorvy",
                                        "Second Name", "Meas",
                                        "Date", LocalDate.of(2011, 1, 1),
                                        "Service", "Medical care",
                                        "Detail", "Mental health"))));
        sheets.put(
                "Follow-ups",
                new HtcdsTemplateWorkbook.ExtraSheet(
                        FOLLOW_UP_COLUMNS,
                        List.of(with(
                                rotha,
                                "Date",
                                LocalDate.of(2010, 4, 10),
                                "Status",
                                "Stable",
                                "Livelihood",
                                "Employed",
                                "Income",
                                "At or above minimum wage"))));
        return sheets;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... labelsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>(base);
        row.putAll(row(labelsAndValues));
        return row;
    }

    static Mapping mapping() {
        return MappingLoader.load(HtcdsTemplateWorkbook.shippedMapping("htcds-v2-excel.yaml"));
    }

    static List<ExportRecord> read(Path file) {
        List<ExportRecord> records = new ArrayList<>();
        MappedExport.open(mapping(), List.of(file), Optional.of(SNAPSHOT)).read(records::add, MappingObserver.NONE);
        return records;
    }

    static String text(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    @Test
    void everyCaseRowIsOneWomanWithTheStandardsLabelsReadAsCodes() throws Exception {
        Path file = dir.resolve("cases.xlsx");
        HtcdsTemplateWorkbook.write(file, cases(), Map.of());
        List<ExportRecord> records = read(file);

        assertThat(records).allMatch(ExportRecord::readable);
        assertThat(records)
                .extracting(
                        r -> text(r.content(), "case_id"),
                        r -> text(r.content(), "type"),
                        r -> text(r.content(), "occurred_at"),
                        ExportRecord::datedBySnapshot,
                        ExportRecord::lineNumber)
                .containsExactly(
                        tuple("[\"rotha\",\"prum\",\"1990-03-14\"]", "CASE_IDENTIFIED", "2009-03-14", false, 3L),
                        tuple("[\"rotha\",\"prum\",\"1990-03-14\"]", "CONSENT_RECORDED", "2009-03-14", false, 3L),
                        tuple("[\"kimsour\",\"nhem\",\"1992-07-20\"]", "CASE_IDENTIFIED", "2010-06-01", false, 4L),
                        tuple("[\"phearom\",\"yim\",\"1988-05-17\"]", "CASE_IDENTIFIED", "2012-06-30", true, 5L),
                        tuple("[\"phearom\",\"yim\",\"1988-05-17\"]", "CONSENT_RECORDED", "2012-06-30", true, 5L),
                        tuple("[\"phearom\",\"yim\",\"1988-05-17\"]", "CASE_CLOSED", "2012-06-30", true, 5L),
                        tuple("[\"sreytouch\",\"vong\",\"\"]", "CASE_IDENTIFIED", "2012-06-30", true, 6L),
                        tuple("[\"sreytouch\",\"vong\",\"\"]", "CASE_CLOSED", "2012-02-01", false, 6L),
                        tuple("[\"chhorvy\",\"meas\",\"\"]", "CASE_IDENTIFIED", "2012-06-30", true, 7L));
        assertThat(records.stream()
                        .filter(r -> text(r.content(), "type").equals("CASE_IDENTIFIED"))
                        .toList())
                .extracting(
                        r -> text(r.content(), "centre"),
                        r -> text(r.content(), "details.referral_source"),
                        r -> text(r.content(), "details.exploitation_type"),
                        r -> text(r.content(), "person.nationality"))
                .containsExactly(
                        tuple("MAIN", "POLICE_OPERATION", "SEXUAL", "KH"),
                        tuple("MAIN", "NGO_REFERRAL", "LABOUR", "VN"),
                        tuple("MAIN", "OUTREACH", "DOMESTIC_SERVITUDE", null),
                        tuple("MAIN", "OUTREACH", "OTHER", null),
                        tuple("MAIN", "OUTREACH", "OTHER", null));

        JsonNode rotha = records.get(0).content().get("person");
        assertThat(rotha.get("given_name").asText()).isEqualTo("Rotha");
        assertThat(rotha.get("date_of_birth").asText()).isEqualTo("1990-03-14");
        assertThat(rotha.get("phone").asText()).isEqualTo("012 555 101");
        assertThat(rotha.get("email").asText()).isEqualTo("rotha.prum@mail.example");
        // Mailing City, column O, whose hidden field name says prs_MailingCountry.
        assertThat(rotha.get("village").asText()).isEqualTo("Prek Leap");
        assertThat(rotha.fieldNames()).toIterable().doesNotContain("province");
        assertThat(text(records.get(2).content(), "person.phone"))
                .as("no mobile phone: the home phone")
                .isEqualTo("023 555 202");
        assertThat(records.get(1).content().get("details").toString())
                .isEqualTo("{\"research_use\":true,\"story_use\":false}");
        assertThat(text(records.get(4).content(), "details.research_use")).isEqualTo("false");
        assertThat(text(records.get(5).content(), "details.reason")).isEqualTo("OTHER");
        assertThat(text(records.get(7).content(), "details.reason")).isEqualTo("MOVED_AWAY");
    }

    @Test
    void servicesAndFollowUpsOnSheetsBesideTheTemplateFindTheirWomanHoweverHerIdentityIsWritten() throws Exception {
        Path file = dir.resolve("cases.xlsx");
        HtcdsTemplateWorkbook.write(file, cases(), sheets());
        List<ExportRecord> records = read(file);

        String rotha = "[\"rotha\",\"prum\",\"1990-03-14\"]";
        assertThat(records.stream()
                        .filter(r -> r.lineNumber() >= 2
                                && !List.of("CASE_IDENTIFIED", "CONSENT_RECORDED", "CASE_CLOSED")
                                        .contains(text(r.content(), "type")))
                        .toList())
                .extracting(
                        r -> text(r.content(), "case_id"),
                        r -> text(r.content(), "type"),
                        r -> text(r.content(), "occurred_at"),
                        r -> r.content().path("details").toString())
                .containsExactly(
                        tuple(rotha, "SHELTER_ADMITTED", "2009-03-15", "{\"centre\":\"TOM_DY\"}"),
                        tuple(rotha, "EDUCATION_ASSESSED", "2009-04-01", "{\"grade_level\":4}"),
                        tuple(rotha, "TRAINING_ENROLLED", "2009-05-01", "{\"course\":\"SEWING\"}"),
                        tuple(
                                rotha,
                                "SHELTER_EXITED",
                                "2010-01-10",
                                "{\"centre\":\"TOM_DY\",\"exit_reason\":\"REINTEGRATED\"}"),
                        tuple(rotha, "REINTEGRATED", "2010-01-10", "{\"setting\":\"FAMILY\"}"),
                        tuple(rotha, "EMPLOYMENT_STARTED", "2010-02-01", "{\"sector\":\"GARMENT\"}"),
                        tuple(
                                "[\"chhorvy\",\"meas\",\"\"]",
                                "MEDICAL_CARE",
                                "2011-01-01",
                                "{\"kind\":\"MENTAL_HEALTH\"}"),
                        tuple(
                                rotha,
                                "FOLLOW_UP",
                                "2010-04-10",
                                "{\"status\":\"STABLE\",\"livelihood\":\"EMPLOYED\","
                                        + "\"income_band\":\"AT_OR_ABOVE_MINIMUM_WAGE\"}"));
        assertThat(records).allMatch(ExportRecord::readable);
    }

    @Test
    void theCheckReadsTheBareTemplateByItsVisibleLabelsAndPrintsNoIdentity() throws Exception {
        Path file = dir.resolve("cases.xlsx");
        HtcdsTemplateWorkbook.write(file, cases(), Map.of());
        List<String> report = MappingCheck.run(MappedExport.open(mapping(), List.of(file), Optional.of(SNAPSHOT)))
                .report();

        assertThat(report)
                .containsSubsequence(
                        "input cases: cases.xlsx, sheet Case Sheet (header row 2, data from row 3), 5 rows",
                        "  First Name                                       case_id (identity); person.given_name",
                        "  Mailing Street                                   not read",
                        "  Mailing City                                     person.village",
                        "  Mailing State/Province                           not read",
                        "  Trafficking Status Decision Making Organization  not read",
                        "  Reason for Outgoing Referral                     case_closed: details.reason (value map"
                                + " 'outgoing_referral_reasons')",
                        "  Reason for Case Closure                          not read",
                        "input services: cases.xlsx has no sheet 'Services' (optional: not read)",
                        "input followups: cases.xlsx has no sheet 'Follow-ups' (optional: not read)",
                        "events: CASE_IDENTIFIED 5, CONSENT_RECORDED 2, CASE_CLOSED 2",
                        "rejects: 0",
                        "read 9, accepted 9, rejected 0 (nothing written)");
        String printed = String.join("\n", report).toLowerCase(Locale.ROOT);
        for (String identity : identities()) {
            assertThat(printed).as("identity %s", identity).doesNotContain(identity);
        }
    }

    @Test
    void aReferrerNoMapNamesIsACountedRejectAndItsFreeTextIsNeverPrinted() throws Exception {
        Path file = dir.resolve("cases.xlsx");
        HtcdsTemplateWorkbook.write(
                file, List.of(with(cases().get(1), "Referring Organisation", "her aunt Kolthida Nhem")), Map.of());
        List<String> report = MappingCheck.run(MappedExport.open(mapping(), List.of(file), Optional.of(SNAPSHOT)))
                .report();
        assertThat(report)
                .contains(
                        "  Referring Organisation                           case_identified: details.referral_source"
                                + " (value map 'referring_organisations') (free text)",
                        "  BAD_ENUM_VALUE  Referring Organisation  1",
                        "read 1, accepted 0, rejected 1 (nothing written)");
        assertThat(String.join("\n", report).toLowerCase(Locale.ROOT)).doesNotContain("kolthida", "aunt");
    }

    @Test
    void noNamePhoneEmailStreetOrBirthDateOfTheWorkbookLeavesIngest() throws Exception {
        Path file = dir.resolve("cases.xlsx");
        HtcdsTemplateWorkbook.write(file, cases(), sheets());
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
        StringBuilder out = new StringBuilder();
        long accepted = 0;
        for (ExportRecord record : read(file)) {
            Translation translation = translator.translate(record);
            byte[] bytes = translation instanceof Translation.Accepted a
                    ? CaseEventCodec.encode(a.event())
                    : CaseEventCodec.encode(((Translation.Rejected) translation).reject());
            accepted += translation instanceof Translation.Accepted ? 1 : 0;
            out.append(new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        }
        assertThat(accepted).isEqualTo(17);
        for (String identity : identities()) {
            assertThat(out.toString()).as("identity %s", identity).doesNotContain(identity);
        }
    }

    /**
     * Every identifying value the workbooks hold, lower case. No name is one of the changed names
     * that every woman's events carry (ChangedNames), nor part of one: finding it is a leak.
     */
    static List<String> identities() {
        return List.of(
                "rotha",
                "prum",
                "kimsour",
                "nhem",
                "phearom",
                "yim",
                "sreytouch",
                "vong",
                "chhorvy",
                "meas",
                "sarath",
                "vichet",
                "023 555",
                "012 555",
                "mail.example",
                "street 271",
                "prek leap",
                "12000",
                "svay pak",
                "1990-03-14",
                "14/03/1990",
                "1992-07-20",
                "33805",
                "17/05/1988",
                "1988-05-17",
                "went home");
    }
}
