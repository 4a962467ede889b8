package org.casetrail.ingest;

import java.util.ArrayList;
import java.util.List;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/** An event log in memory, for tests of ingest that need no broker. */
public final class CollectingLog implements EventLogWriter {
    public final List<CaseEvent> events = new ArrayList<>();
    public final List<RejectedRecord> rejects = new ArrayList<>();

    @Override
    public void append(CaseEvent event) {
        events.add(event);
    }

    @Override
    public void reject(RejectedRecord reject) {
        rejects.add(reject);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
