package org.casetrail.ingest.mapping;

import java.util.BitSet;
import org.casetrail.schemas.event.RejectReason;

/**
 * One data row of a table as read, before any mapping: its number in the file (a CSV's line, a
 * sheet's row) and its cells by column position, or why it could not be read.
 *
 * @param cells  by column position; null or empty for an empty cell
 * @param errors positions whose cell holds a spreadsheet error (#N/A, #DIV/0!) instead of a value
 */
record SourceRow(long number, String[] cells, BitSet errors, RejectReason unreadable) {

    private static final BitSet NONE = new BitSet();

    static SourceRow of(long number, String[] cells) {
        return new SourceRow(number, cells, NONE, null);
    }

    static SourceRow unreadable(long number, RejectReason reason) {
        return new SourceRow(number, new String[0], NONE, reason);
    }

    /** The cell at a position, stripped, or null when it is empty or beyond the row. */
    String cell(int position) {
        if (position >= cells.length || cells[position] == null) {
            return null;
        }
        String value = cells[position].strip();
        return value.isEmpty() ? null : value;
    }

    boolean isError(int position) {
        return errors.get(position);
    }

    @Override
    public String toString() {
        return "SourceRow[" + number + (unreadable == null ? "" : ", " + unreadable) + "]";
    }
}
