package org.casetrail.ingest.mapping;

import org.casetrail.schemas.event.EventType;

/** An event's type: the same for every row ({@code fixed}), or a column's label through a value map. */
record TypeRule(EventType fixed, ColumnRef column, ValueMap values) {

    static TypeRule of(EventType type) {
        return new TypeRule(type, null, null);
    }
}
