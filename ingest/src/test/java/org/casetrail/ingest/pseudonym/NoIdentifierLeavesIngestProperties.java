package org.casetrail.ingest.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;

/**
 * For generated people and narratives that mention them in every spelling we know, no identifier
 * of the input record appears in the bytes that leave ingest: the Avro event, or the reject.
 */
class NoIdentifierLeavesIngestProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordTranslator TRANSLATOR =
            new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
    /** Name syllables with q, x or z, which no filler word, placeholder or changed name contains. */
    private static final List<String> SYLLABLES =
            List.of("qa", "xo", "zeu", "qin", "xa", "zom", "quy", "xeth", "zir", "qol");

    private static final List<String> KHMER =
            List.of("ស្រីនាង", "សុភ័ក្រ", "ចាន់ធី", "កញ្ញា", "បុប្ផា", "ស្រីម៉ៅ", "សុខា", "ចន្ទា");

    record Person(
            List<String> givenParts,
            String family,
            String alias,
            String khmerAlias,
            LocalDate dob,
            String phoneDigits,
            String nationalId,
            String email,
            String village) {

        String given() {
            return String.join(" ", givenParts);
        }

        /** Everything that must not leave ingest, lower-cased. */
        List<String> identifiers() {
            List<String> ids = new ArrayList<>(givenParts);
            ids.add(family);
            ids.add(alias);
            ids.add(khmerAlias);
            ids.add(phoneDigits);
            ids.add(nationalId);
            ids.add(email);
            ids.add(village);
            ids.add(dob.toString());
            ids.add(dob.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
            ids.add(dob.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)));
            ids.add(dob.format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)));
            return ids.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }
    }

    @Provide
    Arbitrary<Person> people() {
        Arbitrary<String> part = Arbitraries.of(SYLLABLES)
                .list()
                .ofMinSize(2)
                .ofMaxSize(3)
                .map(s -> String.join("", s))
                .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1));
        Arbitrary<List<String>> given = part.list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<LocalDate> dob = Arbitraries.integers()
                .between(0, 365 * 50)
                .map(d -> LocalDate.of(1960, 1, 1).plusDays(d));
        Arbitrary<String> phone = Combinators.combine(
                        Arbitraries.of("12", "17", "15", "97"),
                        Arbitraries.strings().numeric().ofLength(6))
                .as((prefix, digits) -> prefix + digits);
        Arbitrary<String> id = Arbitraries.strings().numeric().ofLength(9);
        return Combinators.combine(given, part, part, Arbitraries.of(KHMER), dob, phone, id, part)
                .as((g, family, alias, khmer, d, p, n, village) -> new Person(
                        g,
                        family,
                        alias,
                        khmer,
                        d,
                        p,
                        n,
                        alias.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT) + "@mail.example",
                        village + " Village"));
    }

    @Provide
    Arbitrary<String> mentions() {
        return Arbitraries.of(
                        "{given} {family}",
                        "{family} {given}",
                        "{GIVEN}",
                        "{given}'s",
                        "{family}, {given}",
                        "{givenjoined}",
                        "{alias}",
                        "{khmer}",
                        "ខ្ញុំឈ្មោះ{khmer}។",
                        "+855 {phone3}",
                        "0{phone}",
                        "0{phonedash}",
                        "(+855) {phone3}",
                        "{id}",
                        "{email}",
                        "{EMAIL}",
                        "{village}",
                        "{VILLAGE}",
                        "{dob}",
                        "{dobdmy}",
                        "{doblong}",
                        "{DOBLONG}",
                        "{dobshort}")
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(list -> String.join(" and then ", list));
    }

    @Property(tries = 300)
    void acceptedEventBytesHoldNoIdentifier(@ForAll("people") Person person, @ForAll("mentions") String template)
            throws Exception {
        ObjectNode record = record(person, "TESTIMONY_RECORDED");
        record.put("narrative", "She said: " + narrative(template, person) + ". Now she is well.");
        Translation t = TRANSLATOR.translate(ExportRecord.parsed(1, record));
        assertThat(t).isInstanceOf(Translation.Accepted.class);
        assertNoIdentifier(CaseEventCodec.encode(((Translation.Accepted) t).event()), person);
    }

    @Property(tries = 200)
    void rejectBytesHoldNoIdentifier(@ForAll("people") Person person, @ForAll("mentions") String template)
            throws Exception {
        ObjectNode record = record(person, "TESTIMONY_RECORDED");
        record.put("narrative", narrative(template, person));
        record.put("occurred_at", person.given() + " " + person.phoneDigits()); // a bad date that is an identity
        Translation t = TRANSLATOR.translate(ExportRecord.parsed(9, record));
        assertThat(t).isInstanceOf(Translation.Rejected.class);
        assertNoIdentifier(CaseEventCodec.encode(((Translation.Rejected) t).reject()), person);
    }

    /**
     * Records shaped as mappings/htcds-v2-excel.yaml makes them from an HTCDS row: the case identity
     * a JSON list of her names and birth date, the record id a list holding it and the row's key
     * (a date, a label), the person block of the template's columns (mobile and home phones, e-mail,
     * the mailing city as her village); the same woman's identification, consent, closure, a
     * service and a follow-up, some with no birth date. Nothing of her leaves ingest, in the ids
     * least of all.
     */
    @Property(tries = 200)
    void htcdsRowsRecordsHoldNoIdentifierInTheirIdsOrAnywhereElse(
            @ForAll("people") Person person, @ForAll boolean birthDateKnown) throws Exception {
        String dob = birthDateKnown ? person.dob().toString() : "";
        ArrayNode identity = JSON.createArrayNode()
                .add(person.given().toLowerCase(Locale.ROOT))
                .add(person.family().toLowerCase(Locale.ROOT))
                .add(dob);
        String caseId = identity.toString();
        List<ObjectNode> records = new ArrayList<>();
        for (String[] event : new String[][] {
            {"cases", "case_identified", "CASE_IDENTIFIED"},
            {"cases", "consent_recorded", "CONSENT_RECORDED"},
            {"cases", "case_closed", "CASE_CLOSED"},
            {"services", "service", "SHELTER_ADMITTED"},
            {"followups", "follow_up", "FOLLOW_UP"}
        }) {
            ArrayNode recordId =
                    JSON.createArrayNode().add(event[0]).add(event[1]).add(caseId);
            if (!event[0].equals("cases")) {
                recordId.add("2012-06-0" + (1 + records.size()))
                        .add(event[0].equals("services") ? "shelter admission" : "");
            }
            ObjectNode record = JSON.createObjectNode();
            record.put("source", "htcds-v2-excel");
            record.put("source_event_id", recordId.toString());
            record.put("case_id", caseId);
            record.put("type", event[2]);
            record.put("occurred_at", "2012-06-0" + (1 + records.size()));
            ObjectNode details = record.putObject("details");
            switch (event[2]) {
                case "CASE_IDENTIFIED" -> {
                    record.put("centre", "MAIN");
                    details.put("referral_source", "OUTREACH").put("exploitation_type", "SEXUAL");
                }
                case "CONSENT_RECORDED" -> details.put("research_use", true).put("story_use", false);
                case "CASE_CLOSED" -> details.put("reason", "MOVED_AWAY");
                case "SHELTER_ADMITTED" -> details.put("centre", "TOM_DY");
                default -> details.put("status", "STABLE");
            }
            if (event[0].equals("cases")) {
                ObjectNode block = record.putObject("person");
                block.put("given_name", person.given());
                block.put("family_name", person.family());
                if (birthDateKnown) {
                    block.put("date_of_birth", dob);
                }
                block.put("phone", "+855 " + person.phoneDigits());
                block.put("email", person.email());
                block.put("village", person.village());
                block.put("nationality", "KH");
            }
            records.add(record);
        }
        for (ObjectNode record : records) {
            Translation t = TRANSLATOR.translate(ExportRecord.mapped(3, record, java.util.Map.of(), false));
            assertThat(t).as(record.get("type").asText()).isInstanceOf(Translation.Accepted.class);
            assertNoIdentifier(CaseEventCodec.encode(((Translation.Accepted) t).event()), person);
        }
    }

    private static void assertNoIdentifier(byte[] bytes, Person person) {
        String text = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String identifier : person.identifiers()) {
            assertThat(text).as("identifier %s", identifier).doesNotContain(identifier);
        }
    }

    private static ObjectNode record(Person p, String type) {
        ObjectNode record = JSON.createObjectNode();
        record.put("source", "prop-cms");
        record.put("source_event_id", "E-" + p.nationalId());
        record.put("case_id", "C-" + p.phoneDigits());
        record.put("type", type);
        record.put("occurred_at", "2012-06-01");
        record.put("centre", "TOM_DY");
        ObjectNode person = record.putObject("person");
        person.put("given_name", p.given());
        person.put("family_name", p.family());
        person.putArray("aliases").add(p.alias()).add(p.khmerAlias());
        person.put("date_of_birth", p.dob().toString());
        person.put("phone", "+855 " + p.phoneDigits());
        person.put("national_id", p.nationalId());
        person.put("email", p.email());
        person.put("village", p.village());
        return record;
    }

    private static String narrative(String template, Person p) {
        String phone = p.phoneDigits();
        return template.replace("{givenjoined}", p.given().replace(" ", ""))
                .replace("{GIVEN}", p.given().toUpperCase(Locale.ROOT))
                .replace("{given}", p.given())
                .replace("{family}", p.family())
                .replace("{alias}", p.alias())
                .replace("{khmer}", p.khmerAlias())
                .replace("{phone3}", phone.substring(0, 2) + " " + phone.substring(2, 5) + " " + phone.substring(5))
                .replace("{phonedash}", phone.substring(0, 2) + "-" + phone.substring(2, 5) + "-" + phone.substring(5))
                .replace("{phone}", phone)
                .replace("{id}", p.nationalId())
                .replace("{EMAIL}", p.email().toUpperCase(Locale.ROOT))
                .replace("{email}", p.email())
                .replace("{VILLAGE}", p.village().toUpperCase(Locale.ROOT))
                .replace("{village}", p.village())
                .replace("{dobdmy}", p.dob().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")))
                .replace("{doblong}", p.dob().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)))
                .replace(
                        "{DOBLONG}",
                        p.dob()
                                .format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))
                                .toUpperCase(Locale.ROOT))
                .replace("{dobshort}", p.dob().format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)))
                .replace("{dob}", p.dob().toString());
    }
}
