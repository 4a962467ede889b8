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

    /** Detail fields drawn from a closed vocabulary: where a "bad enum" corruption goes. */
    private static final java.util.Set<String> ENUM_DETAILS = java.util.Set.of(
            "referral_source",
            "exploitation_type",
            "exit_reason",
            "kind",
            "course",
            "certification",
            "sector",
            "setting",
            "status",
            "livelihood",
            "income_band",
            "charge",
            "outcome",
            "reason");

    /** The detail a "bad enum" corruption spoils, or null when the record has none (then its type is spoiled). */
    String spoiledDetail() {
        if (!"bad_enum".equals(corruption)) {
            return null;
        }
        return details.keySet().stream()
                .filter(ENUM_DETAILS::contains)
                .findFirst()
                .orElse(null);
    }

    /** The type as written: a made-up one when a "bad enum" corruption found no detail to spoil. */
    String writtenType() {
        return "bad_enum".equals(corruption) && spoiledDetail() == null ? "NOT_A_TYPE" : type;
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
