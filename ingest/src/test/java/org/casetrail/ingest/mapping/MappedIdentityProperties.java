package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;

/**
 * For generated exports whose identity columns hold generated people, some rows broken (a date
 * column holding a phone number, a nationality column holding a name, a label no map names), no
 * value of an identity column appears in the bytes a mapped ingest lets out (events and rejects),
 * nor in the report of {@code mapping check}.
 */
class MappedIdentityProperties {

    private static final RecordTranslator TRANSLATOR =
            new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
    /** Name syllables with q, x or z, which no code, label, placeholder or changed name contains. */
    private static final List<String> SYLLABLES =
            List.of("qa", "xo", "zeu", "qin", "xa", "zom", "quy", "xeth", "zir", "qol");

    static final String MAPPING = """
            mapping_version: 1
            source: prop-cms
            inputs:
              - name: people
                file: people.csv
                case_id: [Given, Family, {column: Born, date_format: dd/MM/yyyy}]
                person:
                  given_name: Given
                  family_name: Family
                  aliases: {column: Alias, split: ";"}
                  date_of_birth: {column: Born, date_format: dd/MM/yyyy}
                  phone: Phone
                  national_id: ID
                  email: Email
                  village: Village
                  nationality: {column: Country, values: {KH: Cambodia, VN: Viet Nam}}
                events:
                  - type: CASE_IDENTIFIED
                    occurred_at: Referred
                    centre: {constant: MAIN}
                    details:
                      referral_source: {constant: OUTREACH}
                      exploitation_type: {column: Exploitation, values: {SEXUAL: Sexual exploitation, LABOUR: Forced labour}}
                  - type: TESTIMONY_RECORDED
                    when: Story
                    occurred_at: Referred
                    narrative: Story
            """;

    /** A person and how her row is broken: 0 not, 1 a date holds her phone, 2 her nationality her name, 3 a label. */
    record Person(
            List<String> givenParts,
            String family,
            String alias,
            LocalDate dob,
            String phoneDigits,
            String nationalId,
            String village,
            int fault) {

        String given() {
            return String.join(" ", givenParts);
        }

        String email() {
            return alias.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT) + "@mail.example";
        }

        List<String> identifiers() {
            List<String> ids = new ArrayList<>(givenParts);
            ids.add(family);
            ids.add(alias);
            ids.add(phoneDigits);
            ids.add(nationalId);
            ids.add(email());
            ids.add(village);
            ids.add(dob.toString());
            ids.add(dob.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
            return ids.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }

        List<String> cells() {
            String born = dob.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            return List.of(
                    "  " + given().toUpperCase(Locale.ROOT) + " ",
                    family,
                    alias + "; " + family + "ie",
                    born,
                    "+855 " + phoneDigits,
                    nationalId,
                    email(),
                    village,
                    fault == 2 ? given() : "Cambodia",
                    fault == 1 ? "0" + phoneDigits : "2012-06-01",
                    fault == 3 ? "Organ removal" : "Sexual exploitation",
                    "She said " + given() + " " + family + " would call 0" + phoneDigits + " from " + village);
        }
    }

    @Provide
    Arbitrary<List<Person>> people() {
        Arbitrary<String> part = Arbitraries.of(SYLLABLES)
                .list()
                .ofMinSize(2)
                .ofMaxSize(3)
                .map(s -> String.join("", s))
                .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1));
        Arbitrary<LocalDate> dob = Arbitraries.integers()
                .between(0, 365 * 40)
                .map(d -> LocalDate.of(1960, 1, 1).plusDays(d));
        Arbitrary<String> phone = Combinators.combine(
                        Arbitraries.of("12", "17", "15", "97"),
                        Arbitraries.strings().numeric().ofLength(6))
                .as((prefix, digits) -> prefix + digits);
        return Combinators.combine(
                        part.list().ofMinSize(1).ofMaxSize(2),
                        part,
                        part,
                        dob,
                        phone,
                        Arbitraries.strings().numeric().ofLength(9),
                        part.map(v -> v + " Village"),
                        Arbitraries.integers().between(0, 3))
                .as(Person::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5);
    }

    @Property(tries = 150)
    void noValueOfAnIdentityColumnLeavesAMappedIngestOrItsCheck(@ForAll("people") List<Person> people)
            throws Exception {
        Path dir = Files.createTempDirectory("mapped-identity");
        try {
            Path export = dir.resolve("people.csv");
            List<String> lines = new ArrayList<>();
            lines.add("Given,Family,Alias,Born,Phone,ID,Email,Village,Country,Referred,Exploitation,Story");
            for (Person person : people) {
                lines.add(String.join(
                        ",", person.cells().stream().map(c -> "\"" + c + "\"").toList()));
            }
            Files.write(export, lines, StandardCharsets.UTF_8);
            Mapping mapping = MappingLoader.parse(MAPPING, "prop.yaml");

            List<byte[]> out = new ArrayList<>();
            MappedExport.open(mapping, List.of(export))
                    .read(
                            record -> {
                                Translation t = TRANSLATOR.translate(record);
                                out.add(
                                        t instanceof Translation.Accepted a
                                                ? CaseEventCodec.encode(a.event())
                                                : CaseEventCodec.encode(((Translation.Rejected) t).reject()));
                            },
                            MappingObserver.NONE);
            assertThat(out).hasSizeGreaterThanOrEqualTo(people.size());
            String report = String.join(
                    "\n",
                    MappingCheck.run(MappedExport.open(mapping, List.of(export)))
                            .report());

            for (Person person : people) {
                for (byte[] bytes : out) {
                    assertNoIdentifier(new String(bytes, StandardCharsets.UTF_8), person);
                }
                assertNoIdentifier(report, person);
            }
            if (people.stream().anyMatch(p -> p.fault() == 3)) {
                assertThat(report).contains("\"Organ removal\"");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(MappedIdentityProperties::delete);
            }
        }
    }

    /** How an HTCDS row writes her birth date, and how it is broken: 0 not, 1 referrer, 2 birth date, 3 consent, 4 citizenship. */
    record HtcdsRow(Person person, int birthDateForm, int fault) {

        Object birthDate() {
            return switch (birthDateForm) {
                case 0 -> person.dob();
                case 1 -> (double) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), person.dob());
                case 2 -> person.dob().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
                default -> person.dob().format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));
            };
        }

        /** Her row of the case sheet, under the template's labels. */
        java.util.Map<String, Object> caseRow() {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("First Name", "  " + person.given().toUpperCase(Locale.ROOT) + " ");
            row.put("Second Name", person.family());
            row.put("Birthdate", fault == 2 ? "born in " + person.village() : birthDate());
            row.put("Consent", fault == 3 ? person.given() : "Yes");
            row.put("Citizenship", fault == 4 ? person.family() : "Cambodia");
            row.put("Email", person.email());
            row.put("Home Phone", "023 " + person.phoneDigits());
            row.put("Mobile Phone", "+855 " + person.phoneDigits());
            row.put("Mailing Street", "House 9, " + person.alias() + " Street");
            row.put("Mailing City", person.village());
            row.put("Mailing Zip/Postal Code", person.nationalId());
            row.put("Type of Exploitation", "Sexual exploitation");
            row.put("Status", "Closed");
            row.put("Referring Organisation", fault == 1 ? person.given() + " " + person.family() : "Police");
            row.put("Incoming Referral Date", LocalDate.of(2012, 6, 1));
            row.put("Referring Primary Case Worker", person.alias() + " Officer");
            row.put("Reason for Case Closure", person.given() + " went home to " + person.village());
            return row;
        }

        /** A service of hers on the organisation's own sheet, her identity written otherwise. */
        java.util.Map<String, Object> service() {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("First Name", person.given().toLowerCase(Locale.ROOT));
            row.put("Second Name", person.family().toUpperCase(Locale.ROOT) + " ");
            row.put("Birthdate", person.dob());
            row.put("Date", LocalDate.of(2012, 7, 1));
            row.put("Service", "Training enrolment");
            row.put("Detail", "Sewing");
            return row;
        }
    }

    @Provide
    Arbitrary<List<HtcdsRow>> htcdsRows() {
        return Combinators.combine(
                        people().map(list -> list.get(0)),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 4))
                .as(HtcdsRow::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .uniqueElements(row -> row.person().given() + row.person().family());
    }

    /**
     * Rows of the HTCDS v2 template itself, read through mappings/htcds-v2-excel.yaml with its
     * Services sheet, some broken where people type freely (her name as the referrer or as her
     * consent, a birth date that is no date, her citizenship a name): nothing of her leaves the
     * mapped ingest or its check.
     */
    @Property(tries = 40)
    void noValueOfAnHtcdsRowLeavesAMappedIngestOrItsCheck(@ForAll("htcdsRows") List<HtcdsRow> rows) throws Exception {
        Path dir = Files.createTempDirectory("htcds-identity");
        try {
            Path workbook = dir.resolve("cases.xlsx");
            HtcdsTemplateWorkbook.write(
                    workbook,
                    rows.stream().map(HtcdsRow::caseRow).toList(),
                    java.util.Map.of(
                            "Services",
                            new HtcdsTemplateWorkbook.ExtraSheet(
                                    HtcdsExcelMappingTest.SERVICE_COLUMNS,
                                    rows.stream().map(HtcdsRow::service).toList())));
            Mapping mapping = MappingLoader.load(HtcdsTemplateWorkbook.shippedMapping("htcds-v2-excel.yaml"));
            java.util.Optional<LocalDate> snapshot = java.util.Optional.of(LocalDate.of(2012, 12, 31));

            List<byte[]> out = new ArrayList<>();
            MappedExport.open(mapping, List.of(workbook), snapshot)
                    .read(
                            record -> {
                                Translation t = TRANSLATOR.translate(record);
                                out.add(
                                        t instanceof Translation.Accepted a
                                                ? CaseEventCodec.encode(a.event())
                                                : CaseEventCodec.encode(((Translation.Rejected) t).reject()));
                            },
                            MappingObserver.NONE);
            assertThat(out).hasSizeGreaterThanOrEqualTo(2 * rows.size());
            String report = String.join(
                    "\n",
                    MappingCheck.run(MappedExport.open(mapping, List.of(workbook), snapshot))
                            .report());
            for (HtcdsRow row : rows) {
                for (byte[] bytes : out) {
                    assertNoIdentifier(new String(bytes, StandardCharsets.UTF_8), row.person());
                }
                assertNoIdentifier(report, row.person());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(MappedIdentityProperties::delete);
            }
        }
    }

    private static void assertNoIdentifier(String text, Person person) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String identifier : person.identifiers()) {
            assertThat(lower).as("identifier %s", identifier).doesNotContain(identifier);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
