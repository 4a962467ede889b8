package org.casetrail.ingest.record;

import org.casetrail.schemas.event.RejectReason;

/**
 * Why one record is refused: a reason code and the dotted name of the field. Carries no value of
 * the record, so it is safe to count, log and publish on the reject channel.
 */
final class InvalidRecord extends Exception {

    private final RejectReason reason;
    private final String field;

    InvalidRecord(RejectReason reason, String field) {
        super(reason + (field == null ? "" : " at " + field), null, false, false);
        this.reason = reason;
        this.field = field;
    }

    RejectReason reason() {
        return reason;
    }

    String field() {
        return field;
    }
}
