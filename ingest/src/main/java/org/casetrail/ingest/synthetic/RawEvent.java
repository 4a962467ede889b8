package org.casetrail.ingest.synthetic;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One record of a synthetic export before it is written as JSON Lines or CSV. */
final class RawEvent {

    final String sourceEventId;
    final String caseId;
    final String type;
    final LocalDate occurredOn;
    OffsetDateTime recordedAt;
    String centre;
    FakePerson person;
    final Map<String, Object> details = new LinkedHashMap<>();
    String narrative;
    /** A deliberately broken record; the export counts how many it holds. */
    String corruption;

    RawEvent(String sourceEventId, String caseId, String type, LocalDate occurredOn) {
        this.sourceEventId = sourceEventId;
        this.caseId = caseId;
        this.type = type;
        this.occurredOn = occurredOn;
    }

    RawEvent detail(String name, Object value) {
        details.put(name, value);
        return this;
    }

    RawEvent copyAs(String newSourceEventId) {
        RawEvent copy = new RawEvent(newSourceEventId, caseId, type, occurredOn);
        copy.recordedAt = recordedAt;
        copy.centre = centre;
        copy.person = person;
        copy.details.putAll(details);
        copy.narrative = narrative;
        return copy;
    }
}
