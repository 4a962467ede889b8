package org.casetrail.jobs.flink;

/**
 * What the source reports in place of an event it has no content for, so that the journey operator
 * acts on it or counts it: a woman's erasure, or a record it skipped and why.
 */
public enum LogNotice {
    /** Her erasure: drop her journey and every contribution, and count her as erased. */
    ERASURE,
    /** A sealed record whose data key is gone (erased) or never arrived (a crashed ingest's). */
    NO_DATA_KEY,
    /** A sealed record that does not open: changed, moved, or of another kind. */
    TAMPERED;

    /** Notices travel as events without bytes whose day is this code: never a day an event can have. */
    int code() {
        return -1 - ordinal();
    }

    static LogNotice ofCode(int code) {
        return values()[-1 - code];
    }
}
