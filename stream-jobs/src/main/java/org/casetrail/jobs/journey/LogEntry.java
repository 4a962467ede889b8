package org.casetrail.jobs.journey;

import java.util.ArrayList;
import java.util.List;
import org.casetrail.schemas.event.CaseEvent;

/**
 * A case event as the event log holds it: the event, and where in the log it stands. A case's
 * records are all in one partition of the log (its pseudonym is the record key), so the
 * partition offset orders them; that order, not the order in which a job happens to receive them,
 * says which version of a record is the latest (docs/journeys.md, "Corrections").
 *
 * @param position the record's offset in its partition
 */
public record LogEntry(long position, CaseEvent event) {

    /** Events in the order a log would hold them, at positions 0, 1, 2... (tests and in-memory logs). */
    public static List<LogEntry> inLogOrder(List<CaseEvent> events) {
        List<LogEntry> entries = new ArrayList<>(events.size());
        for (CaseEvent event : events) {
            entries.add(new LogEntry(entries.size(), event));
        }
        return entries;
    }
}
