package org.casetrail.ingest.mapping;

import java.util.List;

/**
 * A field of the input contract (docs/input.md) that a mapping can fill, and what its values must
 * be. {@code personal} fields hold or may hold who a woman is: their columns are identity
 * columns, whose values {@code mapping check} never prints.
 *
 * @param path     the contract's dotted name: {@code occurred_at}, {@code person.phone}, {@code details.course}
 * @param codes    the closed vocabulary, for {@link Kind#CODE} and {@link Kind#CODE_LIST}
 * @param required whether every record of its type needs it (checked on load for a fixed type)
 */
record ContractField(String path, Kind kind, List<String> codes, boolean required, boolean personal) {

    enum Kind {
        /** A date: ISO, a declared pattern, or an Excel serial number; written as ISO. */
        DATE,
        TEXT,
        TEXT_LIST,
        /** A centre code: letters, digits and {@code _}. */
        CENTRE,
        CODE,
        CODE_LIST,
        BOOLEAN,
        /** A school grade, 0 to 12. */
        GRADE,
        PROVINCE,
        /** ISO 3166 alpha-2. */
        NATIONALITY;

        boolean isList() {
            return this == TEXT_LIST || this == CODE_LIST;
        }

        /** Kinds whose values only a value map can give meaning to, or that a value map may translate. */
        boolean takesValueMap() {
            return this != DATE && this != TEXT && this != TEXT_LIST;
        }
    }

    /** The name under its block: {@code course} for {@code details.course}. */
    String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
