package org.casetrail.ingest.mapping;

import org.casetrail.schemas.event.RejectReason;

/**
 * Why a row, or one event of it, cannot become a record: a reason code and the column at fault
 * as the mapping names it. Like the contract's own rejects it never carries a cell's value.
 */
final class RowFault extends Exception {

    private final RejectReason reason;
    private final String column;

    RowFault(RejectReason reason, String column) {
        super(reason + (column == null ? "" : " at " + column), null, false, false);
        this.reason = reason;
        this.column = column;
    }

    RejectReason reason() {
        return reason;
    }

    String column() {
        return column;
    }
}
