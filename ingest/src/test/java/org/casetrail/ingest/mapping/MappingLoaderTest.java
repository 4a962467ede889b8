package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.casetrail.schemas.event.EventType;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {

    static String resource(String name) {
        try (InputStream in = MappingLoaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String HEAD = """
            mapping_version: 1
            source: test-cms
            inputs:
              - name: cases
                file: cases.csv
                case_id: CaseNo
                events:
            """;

    private static String withEvent(String event) {
        return HEAD + event.indent(6);
    }

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> MappingLoader.parse(yaml, "m.yaml"))
                .isInstanceOf(MappingException.class)
                .hasMessage(message);
    }

    @Test
    void theExampleMappingsLoad() {
        Mapping workbook = MappingLoader.parse(resource("htcds-workbook.yaml"), "htcds-workbook.yaml");
        assertThat(workbook.source()).isEqualTo("htcds-example");
        assertThat(workbook.inputNames()).containsExactly("cases", "followups");
        InputRule cases = workbook.inputs().get(0);
        assertThat(cases.format()).isEqualTo(InputRule.Format.XLSX);
        assertThat(cases.headerRow()).isEqualTo(1);
        assertThat(cases.dataRow()).isEqualTo(3);
        assertThat(cases.events())
                .extracting(EventRule::name)
                .containsExactly("case_identified", "shelter_admitted", "case_closed");
        Mapping odk = MappingLoader.parse(resource("odk-submissions.yaml"), "odk-submissions.yaml");
        InputRule services = odk.inputs().get(1);
        assertThat(services.parent()).isEqualTo("submissions");
        assertThat(services.events().get(0).type().values().code("Medical ")).isEqualTo("MEDICAL_CARE");
        assertThat(services.person().get(0).columns().get(0).depth()).isEqualTo(1);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        refused(
                """
                mapping_version: 1
                source: test-cms
                inputs:
                  - name: cases
                    file: cases.xlsx
                    sheeet: Cases
                """,
                "m.yaml:6: unknown key 'sheeet' in input 'cases'; known keys: name, file, format, sheet, header_row,"
                        + " first_data_row, delimiter, quote, encoding, key, link_key, parent, parent_key, case_id,"
                        + " person, events, optional");
    }

    @Test
    void anotherMappingVersionIsRefused() {
        refused(
                "mapping_version: 2\nsource: x\ninputs: []\n",
                "m.yaml:1: mapping_version 2 is not one this casetrail reads (1)");
        refused("source: x\n", "m.yaml:1: the mapping needs 'mapping_version'");
    }

    @Test
    void aKeyGivenTwiceAndBrokenYamlAreRefusedAtTheirLine() {
        refused("mapping_version: 1\nsource: a\nsource: b\n", "m.yaml:3: key 'source' is given twice");
        assertThatThrownBy(() -> MappingLoader.parse("mapping_version: 1\nsource: [a\n", "m.yaml"))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("m.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aDatePatternThatDoesNotParseOrHasATwoDigitYearIsRefused() {
        refused(
                withEvent("""
                        - type: REINTEGRATED
                          occurred_at: {column: Date, date_format: dd/MM/yyyy/b}
                          details: {setting: {constant: FAMILY}}
                        """),
                "m.yaml:9: date pattern 'dd/MM/yyyy/b' in occurred_at of event 'reintegrated' of input 'cases':"
                        + " Unknown pattern letter: b");
        refused(
                withEvent("""
                        - type: REINTEGRATED
                          occurred_at: {column: Date, date_format: M/d/yy}
                          details: {setting: {constant: FAMILY}}
                        """),
                "m.yaml:9: date pattern 'M/d/yy' in occurred_at of event 'reintegrated' of input 'cases':"
                        + " a date pattern needs a four-digit year (yyyy)");
    }

    @Test
    void aCodeOutsideItsVocabularyIsRefusedWhereverItIsWritten() {
        refused(
                withEvent("""
                        - type: REINTEGRATED
                          occurred_at: Date
                          details:
                            setting: {column: Setting, values: {FAMILY: [Home], HOSTEL: [Hostel]}}
                        """),
                "m.yaml:11: 'HOSTEL' in value map of details.setting of event 'reintegrated' of input 'cases' is"
                        + " not a code of details.setting (FAMILY, INDEPENDENT, COMMUNITY_HOUSING)");
        refused(
                withEvent("""
                        - type: CASE_IDENTIFIED
                          occurred_at: Date
                          centre: {constant: ALL}
                          details: {referral_source: {constant: HOTLINE}, exploitation_type: {constant: SEXUAL}}
                        """),
                "m.yaml:10: 'ALL' in centre of event 'case_identified' of input 'cases' is not a centre code"
                        + " (letters, digits and _, up to 32, not ALL)");
    }

    @Test
    void aLabelUnderTwoCodesIsRefused() {
        refused(withEvent("""
                        - type: REINTEGRATED
                          occurred_at: Date
                          details:
                            setting: {column: Setting, values: {FAMILY: [Home, Parents], INDEPENDENT: [ parents ]}}
                        """), "m.yaml:11: label 'parents' is under both FAMILY and INDEPENDENT");
    }

    @Test
    void aTypeOrADetailTheContractDoesNotHaveIsRefused() {
        refused(
                withEvent("""
                        - type: SHELTER_ENTERED
                          occurred_at: Date
                        """),
                "m.yaml:8: type 'SHELTER_ENTERED' of an event of input 'cases' is not one a mapping can make ("
                        + String.join(", ", ContractFields.mappableTypes())
                        + ")");
        refused(withEvent("""
                        - type: REINTEGRATED
                          occurred_at: Date
                          details: {setting: {constant: FAMILY}, course: {constant: SEWING}}
                        """), "m.yaml:10: details.course is not a detail of REINTEGRATED (docs/input.md)");
    }

    @Test
    void aRequiredFieldOfATypeMustBeMapped() {
        refused(
                withEvent("""
                        - type: CASE_IDENTIFIED
                          occurred_at: Date
                          details: {referral_source: {constant: HOTLINE}, exploitation_type: {constant: SEXUAL}}
                        """),
                "m.yaml:8: event 'case_identified' of input 'cases' needs 'centre': every CASE_IDENTIFIED has one"
                        + " (a column or a constant)");
        refused(
                withEvent("""
                        - type: REINTEGRATED
                          occurred_at: Date
                        """),
                "m.yaml:8: event 'reintegrated' of input 'cases' needs 'details.setting': every REINTEGRATED has"
                        + " one (a column or a constant)");
    }

    @Test
    void constantsAndFallbacksAreTellingApart() {
        refused(
                withEvent("""
                        - type: REINTEGRATED
                          occurred_at: {column: Date, constant: 2020-01-01}
                          details: {setting: {constant: FAMILY}}
                        """),
                "m.yaml:9: occurred_at of event 'reintegrated' of input 'cases' has both a column and a 'constant';"
                        + " a value for when the column is empty is a 'fallback'");
        Mapping mapping = MappingLoader.parse(withEvent("""
                        - type: REINTEGRATED
                          occurred_at: {column: Date, fallback_column: Other date, fallback: 2020-01-01}
                          details: {setting: {constant: FAMILY}}
                        """), "m.yaml");
        FieldRule occurred = mapping.inputs().get(0).events().get(0).fields().get(0);
        assertThat(occurred.columns()).extracting(ColumnRef::name).containsExactly("Date", "Other date");
        assertThat(occurred.constant()).isEqualTo("2020-01-01");
    }

    @Test
    void linkedInputsNeedAParentWithAKeyAndReachNoHigherThanTheirParents() {
        refused(
                """
                mapping_version: 1
                source: test-cms
                inputs:
                  - name: cases
                    file: cases.csv
                    case_id: ../Name
                    events: [{type: CASE_CLOSED, occurred_at: Date, details: {reason: {constant: OTHER}}}]
                """,
                "m.yaml:6: column '../Name' in case_id of input 'cases' reaches above an input without a 'parent'");
        refused(
                """
                mapping_version: 1
                source: test-cms
                inputs:
                  - name: cases
                    file: cases.csv
                    case_id: Name
                    events: [{type: CASE_CLOSED, occurred_at: Date, details: {reason: {constant: OTHER}}}]
                  - name: visits
                    file: visits.csv
                    parent: cases
                    parent_key: PARENT_KEY
                    events: [{type: FOLLOW_UP, occurred_at: Date, details: {status: {constant: STABLE}}}]
                """,
                "m.yaml:4: input 'cases' is the parent of 'visits', so it needs a 'key' of one column (ODK's KEY) or"
                        + " a 'link_key' (Kobo's _index): the column its children's parent_key holds");
        refused("""
                mapping_version: 1
                source: test-cms
                inputs:
                  - name: visits
                    file: visits.csv
                    parent: nobody
                    parent_key: PARENT_KEY
                    events: [{type: FOLLOW_UP, occurred_at: Date, details: {status: {constant: STABLE}}}]
                """, "m.yaml:6: input 'visits' has parent 'nobody', which is not an input");
    }

    @Test
    void anEventTypeMayComeFromAColumnThroughAValueMap() {
        Mapping mapping = MappingLoader.parse(withEvent("""
                        - name: activity
                          type: {column: Activity, values: {TRAINING_ENROLLED: [Enrolled], TRAINING_COMPLETED: Done}}
                          occurred_at: Date
                          details: {course: {column: Course, values: {SEWING: Sewing}}}
                        """), "m.yaml");
        TypeRule type = mapping.inputs().get(0).events().get(0).type();
        assertThat(type.fixed()).isNull();
        assertThat(type.values().code("  done ")).isEqualTo(EventType.TRAINING_COMPLETED.name());
        refused(withEvent("""
                        - type: {column: Activity, values: {TRAINING_ENROLLED: [Enrolled]}}
                          occurred_at: Date
                        """), "m.yaml:8: an event of input 'cases' whose type comes from a column needs a 'name'");
    }

    @Test
    void twoEventsOfOneNameAreRefusedSinceTheNameIsPartOfTheirIds() {
        refused(
                withEvent("""
                        - type: REINTEGRATED
                          occurred_at: Date
                          details: {setting: {constant: FAMILY}}
                        - type: REINTEGRATED
                          occurred_at: Other date
                          details: {setting: {constant: FAMILY}}
                        """),
                "m.yaml:11: two events of input 'cases' are named 'reintegrated'; give each its own 'name' (it is"
                        + " part of their record ids)");
    }

    @Test
    void labelsThatYamlWouldReadAsBooleansStayLabels() {
        Mapping mapping = MappingLoader.parse(withEvent("""
                        - type: CONSENT_RECORDED
                          occurred_at: Date
                          details:
                            research_use: {column: Consent, values: {true: [Yes, Y], false: [No, N]}}
                            story_use: {constant: false}
                        """), "m.yaml");
        FieldRule research = mapping.inputs().get(0).events().get(0).fields().get(1);
        assertThat(research.values().code("yes")).isEqualTo("true");
        assertThat(research.values().code("N")).isEqualTo("false");
    }
}
