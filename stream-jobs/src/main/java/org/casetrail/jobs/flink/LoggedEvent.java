package org.casetrail.jobs.flink;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.casetrail.jobs.journey.CaseHash;
import org.casetrail.jobs.journey.LogEntry;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;

/**
 * An event as it travels through the job: the hash of its case ({@link CaseHash}, what the job
 * groups by; the pseudonym itself is inside the record), its date, where the log holds it, and
 * its record as the log holds it once opened (docs/erasure.md, "Sealed records"); or, with no
 * bytes, a {@link LogNotice} the source sent in place of a record it has no content for. Flink moves, sorts and spills a byte array as a plain
 * copy, where a whole Avro {@link CaseEvent} costs a decode and an encode at every shuffle, spill
 * and copy; the journey operator decodes a case's events only when it folds them.
 *
 * <p>Immutable, with a Flink type of its own ({@link LoggedEventType}): Flink then hands the same
 * object to a chained operator instead of copying its bytes, and writes it without reflection.
 * Nothing may change the array once the event is made.
 *
 * @param caseHash {@link CaseHash} of the record's Kafka key, one per woman (of her pseudonym for an
 *                 event written before sealing)
 * @param day      occurred_on, as days since 1970-01-01 (a notice's code for a notice)
 * @param position the record's offset in its partition of the log: a case's records are all in
 *                 one partition, so this orders the versions of a record ({@link LogEntry})
 * @param bytes    the log record's content: single-object encoded Avro (CaseEventCodec)
 */
@TypeInfo(LoggedEventType.Factory.class)
public record LoggedEvent(long caseHash, int day, long position, byte[] bytes) {

    private static final byte[] NO_BYTES = new byte[0];

    /** A notice in place of an event: under the hash its events are grouped by, with no bytes. */
    public static LoggedEvent notice(long caseHash, long position, LogNotice notice) {
        return new LoggedEvent(caseHash, notice.code(), position, NO_BYTES);
    }

    public boolean isNotice() {
        return bytes.length == 0 && day < 0;
    }

    /** What this notice says; only for {@link #isNotice()}. */
    public LogNotice notice() {
        return LogNotice.ofCode(day);
    }

    /** The event as the log would hold it at {@code position} (tests and in-memory sources). */
    public static LoggedEvent of(CaseEvent event, long position) {
        return new LoggedEvent(
                CaseHash.of(event.getCasePseudonym()),
                (int) event.getOccurredOn().toEpochDay(),
                position,
                CaseEventCodec.encode(event));
    }
}
