package org.casetrail.ingest.snapshot;

/**
 * One record of a source as the event log holds it: its latest version's content and date, and
 * where that version and the record's latest void stand in its partition. It stands (counts in
 * the journeys) when its latest version was logged after its latest void, the replay's rule
 * (docs/journeys.md, "Corrections"). Mutable, and as small as a million of them need to be.
 */
final class HeldRecord {

    /** Where a version that this snapshot appends stands: after everything read from the log. */
    static final long APPENDED = Long.MAX_VALUE;

    final String source;
    long content;
    int epochDay;
    int age;
    long versionAt = -1;
    long voidedAt = -1;
    /** Its latest version is itself a void, which never counts (a record sent again as a void). */
    boolean latestIsVoid;
    /** The snapshot holds this record (or a row of it that was rejected, which leaves it as logged). */
    boolean inSnapshot;

    HeldRecord(String source) {
        this.source = source;
    }

    boolean standing() {
        return versionAt > voidedAt && !latestIsVoid;
    }

    /**
     * A version at {@code position}. The log is read in offset order within a partition; two
     * versions of one record at one position are in two partitions (the topic's partitions were
     * changed), and the one read later wins.
     */
    void version(long position, long content, EventDate date, boolean isVoid) {
        if (position >= versionAt) {
            versionAt = position;
            latestIsVoid = isVoid;
            this.content = content;
            this.epochDay = date.epochDay();
            this.age = date.age();
        }
    }

    void voided(long position) {
        voidedAt = Math.max(voidedAt, position);
    }

    EventDate date() {
        return new EventDate(epochDay, age);
    }
}
