package org.casetrail.ingest.record;

import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/** What became of one input record: an event for the log, or a reject for the reject channel. */
public sealed interface Translation {

    record Accepted(CaseEvent event) implements Translation {}

    record Rejected(RejectedRecord reject) implements Translation {}
}
