package org.casetrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.FollowUpDetails;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.Livelihood;
import org.junit.jupiter.api.Test;

/** The evolution rules of schemas/README.md, enforced. */
class SchemaEvolutionTest {

    @Test
    void currentReaderReadsDataWrittenWithEveryReleasedVersion() {
        for (Schema released : ReleasedSchemas.caseEventVersions()) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(CaseEvent.getClassSchema(), released);
            assertThat(result.getType())
                    .as(result.getDescription())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theCurrentSchemaIsTheLatestReleasedVersion() {
        List<Schema> released = ReleasedSchemas.caseEventVersions();
        // The parsing fingerprint is what single-object encoding stamps on every record and what
        // readers resolve writers by; docs may change freely, anything else needs a new version.
        assertThat(org.apache.avro.SchemaNormalization.parsingFingerprint64(CaseEvent.getClassSchema()))
                .as(
                        "case_event.avsc changed: add it as a new released version (see schemas/README.md), never edit a released one")
                .isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(released.get(released.size() - 1)));
    }

    @Test
    void eventsWrittenWithTheOldestVersionReplayThroughTheCurrentDecoder() throws Exception {
        Schema oldest = ReleasedSchemas.caseEventVersions().get(0);
        GenericRecord details = new GenericData.Record(detailsBranch(oldest, "FollowUpDetails"));
        details.put(
                "status",
                new GenericData.EnumSymbol(
                        details.getSchema().getField("status").schema(), "AT_RISK"));
        GenericRecord event = envelope(oldest, "FOLLOW_UP", details);

        CaseEvent decoded = new CaseEventCodec().decodeEvent(encode(oldest, event));

        assertThat(decoded.getType()).isEqualTo(EventType.FOLLOW_UP);
        assertThat(decoded.getOccurredOn()).isEqualTo(LocalDate.of(2010, 1, 2));
        assertThat(((FollowUpDetails) decoded.getDetails()).getStatus()).isEqualTo(FollowUpStatus.AT_RISK);
    }

    /**
     * The codec reads an event's details with Avro's generated coders, which must still resolve a
     * writer whose nested record differs from today's: its fields in another order and one more.
     */
    @Test
    void detailsWrittenInAnotherLayoutResolveThroughTheCodec() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode envelope =
                (ObjectNode) json.readTree(CaseEvent.getClassSchema().toString());
        ObjectNode followUpJson = (ObjectNode) envelope.findParents("name").stream()
                .filter(node -> node.get("name").asText().equals("FollowUpDetails"))
                .findFirst()
                .orElseThrow();
        ArrayNode reordered = json.createArrayNode();
        for (int i = followUpJson.get("fields").size() - 1; i >= 0; i--) {
            reordered.add(followUpJson.get("fields").get(i));
        }
        reordered.addObject().put("name", "visited_by").put("type", "string").put("default", "");
        followUpJson.set("fields", reordered);
        Schema writer = new Schema.Parser().parse(envelope.toString());
        Schema followUp = detailsBranch(writer, "FollowUpDetails");
        GenericRecord details = new GenericData.Record(followUp);
        details.put("visited_by", "outreach worker");
        details.put(
                "income_band",
                new GenericData.EnumSymbol(
                        followUp.getField("income_band").schema().getTypes().get(1), "NONE"));
        details.put(
                "livelihood",
                new GenericData.EnumSymbol(
                        followUp.getField("livelihood").schema().getTypes().get(1), "EMPLOYED"));
        details.put(
                "status", new GenericData.EnumSymbol(followUp.getField("status").schema(), "AT_RISK"));

        CaseEvent decoded =
                new CaseEventCodec(List.of(writer)).decodeEvent(encode(writer, envelope(writer, "FOLLOW_UP", details)));

        assertThat(decoded.getDetails())
                .isEqualTo(new FollowUpDetails(FollowUpStatus.AT_RISK, Livelihood.EMPLOYED, IncomeBand.NONE));
        assertThat(decoded.getOccurredOn()).isEqualTo(LocalDate.of(2010, 1, 2));
    }

    /**
     * A writer from the future (test resource case_event-future.avsc) adds an event type, a status
     * symbol and a field. Registered with the decoder as a known writer, its events still read:
     * new symbols fall back to the enums' defaults and the new field is skipped.
     */
    @Test
    void olderReaderMeetsNewerSymbolsAndFieldsWithoutFailing() throws Exception {
        Schema future;
        try (InputStream in = getClass().getResourceAsStream("case_event-future.avsc")) {
            future = new Schema.Parser().parse(in);
        }
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(CaseEvent.getClassSchema(), future)
                        .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

        GenericRecord details = new GenericData.Record(detailsBranch(future, "FollowUpDetails"));
        details.put(
                "status",
                new GenericData.EnumSymbol(
                        details.getSchema().getField("status").schema(), "IN_SCHOOL"));
        GenericRecord event = envelope(future, "SAFETY_PLAN_AGREED", details);
        event.put("channel", "PHONE");

        CaseEvent decoded = CaseEvent.createDecoder(schema ->
                        schema == org.apache.avro.SchemaNormalization.parsingFingerprint64(future) ? future : null)
                .decode(encode(future, event));
        assertThat(decoded.getType()).isEqualTo(EventType.UNKNOWN);
        assertThat(((FollowUpDetails) decoded.getDetails()).getStatus()).isEqualTo(FollowUpStatus.UNKNOWN);
    }

    @Test
    void unknownWriterSchemaIsAClearErrorNotAStackOfAvroInternals() {
        Schema stranger = org.apache.avro.SchemaBuilder.record("Stranger")
                .fields()
                .requiredString("x")
                .endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("x", "y");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CaseEventCodec().decodeEvent(encode(stranger, record)))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageContaining("upgrade casetrail");
        // Reading only its case and day refuses it the same way.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CaseEventCodec().heading(encode(stranger, record)))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageContaining("upgrade casetrail");
    }

    @Test
    void everyEnumHasADefaultAndEveryFieldADoc() {
        for (Schema released :
                List.of(CaseEvent.getClassSchema(), org.casetrail.schemas.event.RejectedRecord.getClassSchema())) {
            assertThat(EventLogDictionary.markdown()).contains(released.getName());
            walk(released, new java.util.HashSet<>());
        }
    }

    private static void walk(Schema schema, java.util.Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                assertThat(schema.getDoc()).as(schema.getName()).isNotBlank();
                for (Schema.Field f : schema.getFields()) {
                    assertThat(f.doc()).as(schema.getName() + "." + f.name()).isNotBlank();
                    walk(f.schema(), seen);
                }
            }
            case ENUM ->
                assertThat(schema.getEnumDefault())
                        .as(schema.getName() + " default")
                        .isNotNull();
            case UNION -> schema.getTypes().forEach(t -> walk(t, seen));
            case ARRAY -> walk(schema.getElementType(), seen);
            default -> {}
        }
    }

    private static Schema detailsBranch(Schema envelope, String name) {
        return envelope.getField("details").schema().getTypes().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static GenericRecord envelope(Schema schema, String type, GenericRecord details) {
        GenericRecord event = new GenericData.Record(schema);
        event.put("event_id", "0123456789abcdef0123456789abcdef");
        event.put("case_pseudonym", "fedcba9876543210fedcba9876543210");
        event.put("source", "old-cms");
        event.put("type", new GenericData.EnumSymbol(schema.getField("type").schema(), type));
        event.put("occurred_on", (int) LocalDate.of(2010, 1, 2).toEpochDay());
        event.put("key_fingerprint", "00000000feedbeef");
        event.put("details", details);
        return event;
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        return out.toByteArray();
    }
}
