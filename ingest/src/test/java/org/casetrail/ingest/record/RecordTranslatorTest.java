package org.casetrail.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.CaseIdentifiedDetails;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.event.RejectReason;
import org.casetrail.schemas.event.RejectedRecord;
import org.casetrail.schemas.event.TestimonyDetails;
import org.casetrail.schemas.event.VoidDetails;
import org.junit.jupiter.api.Test;

class RecordTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Pseudonymizer pseudonyms = new Pseudonymizer(PseudonymKey.of(filled()));
    private final RecordTranslator translator = new RecordTranslator(pseudonyms);

    static final String IDENTIFIED = """
            {"source": "afesip-cms", "source_event_id": "E-2009-000123", "case_id": "AF-2009-0042",
             "type": "CASE_IDENTIFIED", "occurred_at": "2009-03-14", "recorded_at": "2009-03-15T09:12:00+07:00",
             "centre": "TOM_DY",
             "person": {"given_name": "Srey Neang", "family_name": "Chan", "aliases": ["Neang"],
                        "date_of_birth": "1993-05-02", "phone": "+855 12 345 678", "national_id": "010203040",
                        "email": null, "village": "Prek Leap", "province": "phnom-penh", "nationality": "KH"},
             "details": {"referral_source": "POLICE_OPERATION", "exploitation_type": "SEXUAL"}, "narrative": null}
            """;

    @Test
    void identificationBecomesAPseudonymizedEventWithGeneralizedAttributes() throws Exception {
        CaseEvent event = accepted(IDENTIFIED);
        assertThat(event.getCasePseudonym()).isEqualTo(pseudonyms.casePseudonym("afesip-cms", "AF-2009-0042"));
        assertThat(event.getEventId()).isEqualTo(pseudonyms.eventId("afesip-cms", "E-2009-000123"));
        assertThat(event.getType()).isEqualTo(EventType.CASE_IDENTIFIED);
        assertThat(event.getOccurredOn()).isEqualTo(LocalDate.of(2009, 3, 14));
        assertThat(event.getSubject().getAgeBand()).isEqualTo(AgeBand.AGE_15_17);
        assertThat(event.getSubject().getMinor()).isTrue();
        assertThat(event.getSubject().getProvince()).isEqualTo("Phnom Penh");
        assertThat(event.getSubject().getChangedName()).endsWith("*");
        assertThat(((CaseIdentifiedDetails) event.getDetails()).getReferralSource())
                .isEqualTo(ReferralSource.POLICE_OPERATION);
        assertThat(event.getKeyFingerprint()).isEqualTo(pseudonyms.keyFingerprint());
    }

    @Test
    void noIdentifierOfThePersonReachesTheEncodedEvent() throws Exception {
        String bytes = new String(CaseEventCodec.encode(accepted(IDENTIFIED)), StandardCharsets.ISO_8859_1);
        for (String identifier : new String[] {
            "Srey", "Neang", "Chan", "345", "678", "010203040", "Prek", "1993", "AF-2009-0042", "E-2009"
        }) {
            assertThat(bytes).doesNotContain(identifier);
        }
    }

    @Test
    void dateTimeWithOffsetKeepsItsLocalDate() throws Exception {
        CaseEvent event = accepted(IDENTIFIED.replace("\"2009-03-14\"", "\"2009-03-14T23:30:00+07:00\""));
        assertThat(event.getOccurredOn()).isEqualTo(LocalDate.of(2009, 3, 14));
    }

    @Test
    void testimonyIsScrubbedBeforeItLeavesIngest() throws Exception {
        CaseEvent event = accepted(IDENTIFIED
                .replace("CASE_IDENTIFIED", "TESTIMONY_RECORDED")
                .replace(
                        "\"narrative\": null", "\"narrative\": \"I am Srey Neang from Prek Leap, call 012 345 678.\""));
        String text = ((TestimonyDetails) event.getDetails()).getNarrative();
        assertThat(text).isEqualTo("I am " + event.getSubject().getChangedName() + " from [village], call [phone].");
    }

    @Test
    void voidPointsAtThePseudonymOfTheVoidedEvent() throws Exception {
        CaseEvent event = accepted("""
                {"source": "afesip-cms", "source_event_id": "E-9", "case_id": "AF-2009-0042", "type": "EVENT_VOIDED",
                 "occurred_at": "2009-04-01", "details": {"voided_source_event_id": "E-2009-000123"}}""");
        assertThat(((VoidDetails) event.getDetails()).getVoidedEventId())
                .isEqualTo(pseudonyms.eventId("afesip-cms", "E-2009-000123"));
    }

    @Test
    void eachContractViolationHasItsReasonAndFieldButNoValue() throws Exception {
        assertRejected(IDENTIFIED.replace("\"case_id\": \"AF-2009-0042\",", ""), RejectReason.MISSING_FIELD, "case_id");
        assertRejected(IDENTIFIED.replace("\"CASE_IDENTIFIED\"", "\"CASE_FOUND\""), RejectReason.UNKNOWN_TYPE, "type");
        assertRejected(IDENTIFIED.replace("\"2009-03-14\"", "\"14/03/2009\""), RejectReason.BAD_DATE, "occurred_at");
        assertRejected(
                IDENTIFIED.replace("\"SEXUAL\"", "\"sexual\""),
                RejectReason.BAD_ENUM_VALUE,
                "details.exploitation_type");
        assertRejected(IDENTIFIED.replace("\"TOM_DY\"", "42"), RejectReason.WRONG_TYPE, "centre");
        assertRejected(IDENTIFIED.replace("\"TOM_DY\"", "\"Tom Dy centre\""), RejectReason.BAD_VALUE, "centre");
        // ALL names the rollup rows of the published tables: no centre may be called that.
        assertRejected(IDENTIFIED.replace("\"TOM_DY\"", "\"ALL\""), RejectReason.BAD_VALUE, "centre");
        assertRejected(IDENTIFIED.replace("\"TOM_DY\"", "\"all\""), RejectReason.BAD_VALUE, "centre");
        assertRejected(
                IDENTIFIED.replace("\"phnom-penh\"", "\"Atlantis\""), RejectReason.BAD_ENUM_VALUE, "person.province");
        assertRejected(
                IDENTIFIED.replace("\"1993-05-02\"", "\"1993-02-30\""), RejectReason.BAD_DATE, "person.date_of_birth");
        assertRejected(IDENTIFIED.replace("\"centre\": \"TOM_DY\",", ""), RejectReason.MISSING_FIELD, "centre");
        String noPerson = """
                {"source": "s", "source_event_id": "E-1", "case_id": "C-1", "type": "TESTIMONY_RECORDED",
                 "occurred_at": "2010-01-01", "narrative": "I am Sokha."}""";
        assertRejected(noPerson, RejectReason.NARRATIVE_WITHOUT_PERSON, "narrative");
    }

    @Test
    void rejectCarriesPseudonymizedIdsAndLineNumberOnly() throws Exception {
        RejectedRecord reject = rejected(IDENTIFIED.replace("\"SEXUAL\"", "\"sexual\""), 17);
        assertThat(reject.getLineNumber()).isEqualTo(17);
        assertThat(reject.getSource()).isEqualTo("afesip-cms");
        assertThat(reject.getCasePseudonym()).isEqualTo(pseudonyms.casePseudonym("afesip-cms", "AF-2009-0042"));
        String bytes = new String(CaseEventCodec.encode(reject), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("Srey").doesNotContain("sexual").doesNotContain("AF-2009");
    }

    @Test
    void aRecordThatBreaksTheTranslatorIsARejectNotAStoppedRun() {
        // A reader bug handing over no content stands for any failure no validation rule foresaw.
        Translation t = translator.translate(ExportRecord.parsed(3, null));
        assertThat(t).isInstanceOf(Translation.Rejected.class);
        RejectedRecord reject = ((Translation.Rejected) t).reject();
        assertThat(reject.getReason()).isEqualTo(RejectReason.OTHER);
        assertThat(reject.getLineNumber()).isEqualTo(3);
    }

    private void assertRejected(String json, RejectReason reason, String field) throws Exception {
        RejectedRecord reject = rejected(json, 1);
        assertThat(reject.getReason()).as(json).isEqualTo(reason);
        assertThat(reject.getField()).isEqualTo(field);
    }

    private CaseEvent accepted(String json) throws Exception {
        Translation t = translator.translate(ExportRecord.parsed(1, JSON.readTree(json)));
        assertThat(t).isInstanceOf(Translation.Accepted.class);
        return ((Translation.Accepted) t).event();
    }

    private RejectedRecord rejected(String json, long line) throws Exception {
        Translation t = translator.translate(ExportRecord.parsed(line, JSON.readTree(json)));
        assertThat(t).isInstanceOf(Translation.Rejected.class);
        return ((Translation.Rejected) t).reject();
    }

    private static byte[] filled() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return key;
    }
}
