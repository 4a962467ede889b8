package org.casetrail.schemas.release;

/**
 * The records of the log that no journey was folded from, by reason (docs/erasure.md): with the
 * events the journeys were folded from, they make up every record a replay read.
 *
 * @param erasures erasure records, one per woman erased
 * @param erasedEvents events of erased women that were read before their erasure was, then dropped
 * @param withoutDataKey sealed records whose data key is gone (erased) or never arrived
 * @param tampered sealed records that did not open: changed, moved, or of another kind
 */
public record UnfoldedRecords(long erasures, long erasedEvents, long withoutDataKey, long tampered) {

    public static final UnfoldedRecords NONE = new UnfoldedRecords(0, 0, 0, 0);

    public long total() {
        return erasures + erasedEvents + withoutDataKey + tampered;
    }

    public UnfoldedRecords plus(UnfoldedRecords other) {
        return new UnfoldedRecords(
                erasures + other.erasures,
                erasedEvents + other.erasedEvents,
                withoutDataKey + other.withoutDataKey,
                tampered + other.tampered);
    }
}
