package org.casetrail.schemas;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;

/**
 * Where an event's case and day sit in a record body written with today's schema. Avro writes
 * fields in schema order, so the two can be read after skipping what comes before them, without
 * decoding the rest. A schema whose first fields no longer have the shapes read here has no such
 * layout, and every record is then decoded whole.
 */
final class HeadingLayout {

    private static final List<String> FIRST_FIELDS =
            List.of("event_id", "case_pseudonym", "source", "type", "occurred_on");
    private static final List<Schema.Type> FIRST_TYPES =
            List.of(Schema.Type.STRING, Schema.Type.STRING, Schema.Type.STRING, Schema.Type.ENUM, Schema.Type.INT);

    private HeadingLayout() {}

    /** Whether {@link #read} reads records of this schema. */
    static boolean fits(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        if (fields.size() < FIRST_FIELDS.size()) {
            return false;
        }
        for (int i = 0; i < FIRST_FIELDS.size(); i++) {
            if (!fields.get(i).name().equals(FIRST_FIELDS.get(i))
                    || fields.get(i).schema().getType() != FIRST_TYPES.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the case and day from a decoder placed at the start of a record's body. */
    static CaseEventCodec.Heading read(Decoder body) throws IOException {
        body.skipString();
        String casePseudonym = body.readString();
        body.skipString();
        body.readEnum();
        return new CaseEventCodec.Heading(casePseudonym, body.readInt());
    }
}
