package org.casetrail.ingest.snapshot;

import java.time.LocalDate;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Subject;

/**
 * The date of an event and what ingest derived from it: {@code occurred_on}, and the age band and
 * minor flag her subject had on that day (pseudonymization keeps no birth date to derive them
 * again).
 *
 * @param epochDay {@code occurred_on} in days since 1970-01-01
 * @param age the subject's age band (its ordinal times 3) and minor flag (plus 0 unknown, 1 no, 2
 *     yes); -1 without a subject
 */
record EventDate(int epochDay, int age) {

    private static final int NO_SUBJECT = -1;
    private static final AgeBand[] BANDS = AgeBand.values();

    LocalDate day() {
        return LocalDate.ofEpochDay(epochDay);
    }

    /** Gives the event this date, and its subject, if both have one, the age on it. */
    void applyTo(CaseEvent event) {
        event.setOccurredOn(day());
        Subject subject = event.getSubject();
        if (subject != null && age != NO_SUBJECT) {
            subject.setAgeBand(BANDS[age / 3]);
            subject.setMinor(age % 3 == 0 ? null : age % 3 == 2);
        }
    }
}
