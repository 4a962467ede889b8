package org.casetrail.schemas.release;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The periods a public release reports on. A public release's as_of is always the last day of a
 * period, so what a reader sees changes at known dates and never because of one woman's event.
 */
public enum ReportingPeriod {
    MONTH(1),
    QUARTER(3),
    YEAR(12);

    private final int months;

    ReportingPeriod(int months) {
        this.months = months;
    }

    public boolean isEnd(LocalDate day) {
        return day.equals(lastEndOnOrBefore(day));
    }

    /** The last day of the latest period that has ended on or before {@code day}. */
    public LocalDate lastEndOnOrBefore(LocalDate day) {
        YearMonth month = YearMonth.from(day);
        // Periods end in the months whose number the period's length divides (March, June, ... December).
        YearMonth endMonth = month.minusMonths(month.getMonthValue() % months);
        LocalDate end = endMonth.atEndOfMonth();
        return end.isAfter(day) ? endMonth.minusMonths(months).atEndOfMonth() : end;
    }

    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ReportingPeriod ofFlag(String flag) {
        for (ReportingPeriod period : values()) {
            if (period.flag().equals(flag)) {
                return period;
            }
        }
        throw new IllegalArgumentException("unknown reporting period " + flag + "; use month, quarter or year");
    }
}
