package org.casetrail.jobs.flink;

/** Names of the accumulators a run reports, read back into the release manifest. */
public final class JobCounters {

    /** Events the journeys received, duplicates included: must equal the records between the offsets. */
    public static final String EVENTS_READ = "events_read";

    private JobCounters() {}
}
