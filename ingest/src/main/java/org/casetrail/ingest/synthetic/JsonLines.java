package org.casetrail.ingest.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** The JSON Lines form of the input contract. */
final class JsonLines implements ExportLines {

    private final Writer writer;
    private final String source;
    private final JsonFactory factory = new JsonFactory();

    JsonLines(Writer writer, String source) {
        this.writer = writer;
        this.source = source;
    }

    @Override
    public void begin() {}

    @Override
    public void write(RawEvent e) throws IOException {
        JsonGenerator json = factory.createGenerator(writer);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("source", source);
        json.writeStringField("source_event_id", e.sourceEventId);
        if (!"missing_case".equals(e.corruption)) {
            json.writeStringField("case_id", e.caseId);
        }
        json.writeStringField("type", e.writtenType());
        json.writeStringField(
                "occurred_at",
                "bad_date".equals(e.corruption) ? e.occurredOn.getYear() + "-13-45" : e.occurredOn.toString());
        json.writeStringField("recorded_at", e.recordedAt.toString());
        if (e.centre != null) {
            json.writeStringField("centre", e.centre);
        }
        if (e.person != null) {
            FakePerson p = e.person;
            json.writeObjectFieldStart("person");
            json.writeStringField("given_name", p.givenName());
            json.writeStringField("family_name", p.familyName());
            json.writeArrayFieldStart("aliases");
            for (String alias : p.aliases()) {
                json.writeString(alias);
            }
            json.writeEndArray();
            json.writeStringField(
                    "date_of_birth",
                    p.dateOfBirth() == null ? null : p.dateOfBirth().toString());
            json.writeStringField("phone", p.phone());
            json.writeStringField("national_id", p.nationalId());
            json.writeStringField("email", p.email());
            json.writeStringField("village", p.village());
            json.writeStringField("province", p.province());
            json.writeStringField("nationality", p.nationality());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("details");
        String spoiled = e.spoiledDetail();
        for (Map.Entry<String, Object> detail : e.details.entrySet()) {
            Object value = detail.getKey().equals(spoiled) ? "NOT_A_VALUE" : detail.getValue();
            if (value instanceof Boolean b) {
                json.writeBooleanField(detail.getKey(), b);
            } else if (value instanceof Integer i) {
                json.writeNumberField(detail.getKey(), i);
            } else if (value instanceof List<?> list) {
                json.writeArrayFieldStart(detail.getKey());
                for (Object item : list) {
                    json.writeString(item.toString());
                }
                json.writeEndArray();
            } else {
                json.writeStringField(detail.getKey(), value.toString());
            }
        }
        json.writeEndObject();
        json.writeStringField("narrative", e.narrative);
        json.writeEndObject();
        json.flush();
        writer.write('\n');
    }
}
