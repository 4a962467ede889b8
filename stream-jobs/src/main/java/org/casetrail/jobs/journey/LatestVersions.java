package org.casetrail.jobs.journey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.VoidDetails;

/**
 * A case's records as her log stands, read in log order: each record (one event id: one
 * {@code source} + {@code source_event_id}) is what its latest version says, and a void deletes
 * the record as it stands at the void's position, so a version logged after the void brings it
 * back (docs/journeys.md, "Corrections"). A case-management system corrects a record in place and
 * exports it again; ingest remembers nothing between runs and cannot tell a correction from a
 * re-send, so this is where the two are told apart, by the one order that does not depend on how a
 * job receives the log.
 */
final class LatestVersions {

    private LatestVersions() {}

    /** The records that stand, voids left out, in no particular order. */
    static List<CaseEvent> of(Collection<LogEntry> logged) {
        Map<String, LogEntry> latest = new HashMap<>();
        Map<String, Long> lastVoidedAt = new HashMap<>();
        for (LogEntry entry : logged) {
            CaseEvent event = entry.event();
            latest.merge(event.getEventId(), entry, LatestVersions::later);
            if (event.getType() == EventType.EVENT_VOIDED && event.getDetails() instanceof VoidDetails v) {
                lastVoidedAt.merge(v.getVoidedEventId(), entry.position(), Math::max);
            }
        }
        List<CaseEvent> standing = new ArrayList<>(latest.size());
        for (LogEntry entry : latest.values()) {
            CaseEvent event = entry.event();
            Long voidedAt = lastVoidedAt.get(event.getEventId());
            if (event.getType() != EventType.EVENT_VOIDED && (voidedAt == null || voidedAt < entry.position())) {
                standing.add(event);
            }
        }
        return standing;
    }

    /**
     * The later of two versions. Two entries of one case share a position only if her records
     * were logged to two partitions (the topic's partitions were changed): the choice then still
     * does not depend on the order they arrived in.
     */
    private static LogEntry later(LogEntry a, LogEntry b) {
        if (a.position() != b.position()) {
            return a.position() > b.position() ? a : b;
        }
        return Arrays.compare(CaseEventCodec.encode(a.event()), CaseEventCodec.encode(b.event())) >= 0 ? a : b;
    }
}
