package org.casetrail.ingest.publish;

import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/** Where translated records go: the event log and the reject channel. */
public interface EventLogWriter extends AutoCloseable {

    void append(CaseEvent event);

    void reject(RejectedRecord reject);

    /** Blocks until everything appended so far is durably written, or fails. */
    void flush();

    @Override
    void close();
}
