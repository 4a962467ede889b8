package org.casetrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.FollowUpDetails;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.Livelihood;
import org.casetrail.schemas.event.ShelterDetails;
import org.junit.jupiter.api.Test;

/** Reading events back: whole, and only as far as their case and day. */
class CaseEventCodecTest {

    private final CaseEventCodec codec = new CaseEventCodec();

    private static CaseEvent admitted(String casePseudonym, LocalDate day) {
        return CaseEvent.newBuilder()
                .setEventId("0123456789abcdef0123456789abcdef")
                .setCasePseudonym(casePseudonym)
                .setSource("afesip-cms")
                .setType(EventType.SHELTER_ADMITTED)
                .setOccurredOn(day)
                .setCentre("TOM_DY")
                .setKeyFingerprint("00000000feedbeef")
                .setDetails(ShelterDetails.newBuilder().setCentre("TOM_DY").build())
                .build();
    }

    @Test
    void anEventComesBackWhole() throws Exception {
        CaseEvent event = admitted("fedcba9876543210fedcba9876543210", LocalDate.of(2011, 4, 30));

        assertThat(codec.decodeEvent(CaseEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void theHeadingOfAnEventIsItsCaseAndDay() throws Exception {
        for (LocalDate day : new LocalDate[] {LocalDate.of(2011, 4, 30), LocalDate.of(1969, 12, 31), LocalDate.of(2040, 1, 1)}) {
            byte[] bytes = CaseEventCodec.encode(admitted("case-" + day, day));

            CaseEventCodec.Heading heading = codec.heading(bytes);

            assertThat(heading.casePseudonym()).isEqualTo("case-" + day);
            assertThat(LocalDate.ofEpochDay(heading.occurredOnEpochDay())).isEqualTo(day);
        }
    }

    @Test
    void todaysSchemaHasTheLayoutTheHeadingReads() {
        assertThat(HeadingLayout.fits(CaseEvent.getClassSchema())).isTrue();
        Schema reordered = SchemaBuilder.record("CaseEvent").fields()
                .requiredString("case_pseudonym").requiredString("event_id").requiredString("source")
                .name("type").type().enumeration("EventType").symbols("A").noDefault()
                .name("occurred_on").type().intType().noDefault()
                .endRecord();
        assertThat(HeadingLayout.fits(reordered)).isFalse();
    }

    @Test
    void bytesThatAreNoCaseEventHaveNoHeading() {
        assertThatThrownBy(() -> codec.heading(new byte[] {1, 2, 3}))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageContaining("not an Avro single-object encoded case event");
    }

    @Test
    void aTruncatedEventIsCorruptWhetherReadWholeOrOnlyItsHeading() {
        byte[] whole = CaseEventCodec.encode(admitted("fedcba9876543210fedcba9876543210", LocalDate.of(2011, 4, 30)));
        byte[] headingCut = Arrays.copyOf(whole, 30);

        assertThatThrownBy(() -> codec.heading(headingCut))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class).hasMessageStartingWith("corrupt case event");
        assertThatThrownBy(() -> codec.decodeEvent(headingCut))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class).hasMessageStartingWith("corrupt case event");
    }

    /**
     * The details are read by Avro's generated coders, which must still resolve a writer whose
     * nested record differs from today's: its fields in another order and one more of them.
     */
    @Test
    void detailsWrittenInAnotherLayoutResolveToTodaysRecord() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode envelope = (ObjectNode) json.readTree(CaseEvent.getClassSchema().toString());
        for (JsonNode field : envelope.get("fields")) {
            if (field.get("name").asText().equals("details")) {
                for (JsonNode branch : field.get("type")) {
                    if (branch.isObject() && branch.get("name").asText().equals("FollowUpDetails")) {
                        ArrayNode fields = (ArrayNode) branch.get("fields");
                        ArrayNode reordered = json.createArrayNode();
                        for (int i = fields.size() - 1; i >= 0; i--) {
                            reordered.add(fields.get(i));
                        }
                        reordered.addObject().put("name", "visited_by").put("type", "string").put("default", "");
                        ((ObjectNode) branch).set("fields", reordered);
                    }
                }
            }
        }
        Schema writer = new Schema.Parser().parse(envelope.toString());
        Schema followUp = writer.getField("details").schema().getTypes().stream()
                .filter(t -> t.getName().equals("FollowUpDetails")).findFirst().orElseThrow();
        GenericRecord details = new GenericData.Record(followUp);
        details.put("visited_by", "outreach worker");
        details.put("income_band", new GenericData.EnumSymbol(followUp.getField("income_band").schema().getTypes().get(1), "NONE"));
        details.put("livelihood", new GenericData.EnumSymbol(followUp.getField("livelihood").schema().getTypes().get(1), "EMPLOYED"));
        details.put("status", new GenericData.EnumSymbol(followUp.getField("status").schema(), "AT_RISK"));
        GenericRecord event = new GenericData.Record(writer);
        event.put("event_id", "0123456789abcdef0123456789abcdef");
        event.put("case_pseudonym", "fedcba9876543210fedcba9876543210");
        event.put("source", "afesip-cms");
        event.put("type", new GenericData.EnumSymbol(writer.getField("type").schema(), "FOLLOW_UP"));
        event.put("occurred_on", (int) LocalDate.of(2012, 6, 1).toEpochDay());
        event.put("key_fingerprint", "00000000feedbeef");
        event.put("details", details);
        java.nio.ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(event);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        CaseEvent decoded = new CaseEventCodec(List.of(writer)).decodeEvent(bytes);

        assertThat(decoded.getDetails()).isEqualTo(new FollowUpDetails(FollowUpStatus.AT_RISK, Livelihood.EMPLOYED, IncomeBand.NONE));
        assertThat(decoded.getOccurredOn()).isEqualTo(LocalDate.of(2012, 6, 1));
    }
}
