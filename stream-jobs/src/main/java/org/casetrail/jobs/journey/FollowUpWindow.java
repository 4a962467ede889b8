package org.casetrail.jobs.journey;

/**
 * A follow-up checkpoint after reintegration: the days after R it covers, both ends included
 * (docs/journeys.md, "Reintegration and follow-up"). A window whose last day falls after as_of is
 * pending.
 */
public enum FollowUpWindow {
    MONTHS_3(3, 60, 120),
    MONTHS_6(6, 150, 240),
    MONTHS_12(12, 270, 450),
    MONTHS_24(24, 630, 810);

    private final int months;
    private final int firstDay;
    private final int lastDay;

    FollowUpWindow(int months, int firstDay, int lastDay) {
        this.months = months;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
    }

    public int months() {
        return months;
    }

    public int firstDay() {
        return firstDay;
    }

    public int lastDay() {
        return lastDay;
    }

    public boolean covers(long daysAfterReintegration) {
        return daysAfterReintegration >= firstDay && daysAfterReintegration <= lastDay;
    }

    /** Re-trafficking counts in days 0 to 730 after reintegration. */
    public static final int RETRAFFICKED_WITHIN_DAYS = 730;
}
