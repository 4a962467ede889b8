package org.casetrail.jobs.flink;

/** Names of the accumulators a run reports, read back into the release manifest. */
public final class JobCounters {

    public static final String EVENTS_READ = "events_read";
    public static final String CASES = "cases";
    public static final String CASES_INCLUDED = "cases_included";
    public static final String CASES_NOT_YET_IDENTIFIED = "cases_not_yet_identified";
    public static final String CASES_WITHOUT_RESEARCH_CONSENT = "cases_without_research_consent";
    public static final String TESTIMONIES = "testimonies";

    private JobCounters() {
    }

    public static String rows(String table) {
        return "rows." + table;
    }

    public static String suppressed(String table, String kind) {
        return "suppressed." + kind + "." + table;
    }
}
