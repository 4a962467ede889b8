package org.casetrail.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every case-event schema version ever released, oldest first. A released file is never edited:
 * a change to the schema adds a new version here (see schemas/README.md).
 */
public final class ReleasedSchemas {

    /** Released versions of the case-event schema; the last is the current one. */
    public static final List<String> CASE_EVENT_VERSIONS = List.of("case_event-v1.avsc");

    private ReleasedSchemas() {}

    public static List<Schema> caseEventVersions() {
        List<Schema> schemas = new ArrayList<>();
        for (String file : CASE_EVENT_VERSIONS) {
            schemas.add(load(file));
        }
        return schemas;
    }

    /** The version number (1-based) of the current case-event schema. */
    public static int currentCaseEventVersion() {
        return CASE_EVENT_VERSIONS.size();
    }

    private static Schema load(String file) {
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream("released/" + file)) {
            if (in == null) {
                throw new IllegalStateException("released schema missing from the jar: " + file);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
