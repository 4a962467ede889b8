package org.casetrail.jobs.flink;

import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;

/**
 * An event as it travels through the job: its case, its date, and its record exactly as the log
 * holds it. Flink moves, sorts and spills a byte array as a plain copy, where a whole Avro
 * {@link CaseEvent} costs a decode and an encode at every shuffle, spill and copy; the journey
 * operator decodes a case's events only when it folds them. A POJO for Flink.
 */
public class LoggedEvent {

    public String casePseudonym;
    /** occurred_on, as days since 1970-01-01. */
    public int day;
    /** The log record's value: single-object encoded Avro (CaseEventCodec). */
    public byte[] bytes;

    public LoggedEvent() {
    }

    public LoggedEvent(String casePseudonym, int day, byte[] bytes) {
        this.casePseudonym = casePseudonym;
        this.day = day;
        this.bytes = bytes;
    }

    /** The event as the log would hold it (tests and in-memory sources). */
    public static LoggedEvent of(CaseEvent event) {
        return new LoggedEvent(event.getCasePseudonym(), (int) event.getOccurredOn().toEpochDay(), CaseEventCodec.encode(event));
    }

    public String casePseudonym() {
        return casePseudonym;
    }
}
