package org.casetrail.ingest.mapping;

import java.util.Map;

/**
 * What a parent row leaves for the rows of its repeat groups: its case identity (or the fault that
 * left it without one), the columns they read with {@code ../}, and its own parent row.
 */
record LinkedRow(String caseId, RowFault fault, Map<String, String> values, LinkedRow parent) {

    /** The row {@code levels} up from this one: 1 is this row. */
    LinkedRow up(int levels) {
        LinkedRow at = this;
        for (int i = 1; i < levels && at != null; i++) {
            at = at.parent;
        }
        return at;
    }
}
