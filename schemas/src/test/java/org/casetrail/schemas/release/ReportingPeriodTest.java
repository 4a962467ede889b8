package org.casetrail.schemas.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void quartersEndInMarchJuneSeptemberAndDecember() {
        assertThat(ReportingPeriod.QUARTER.lastEndOnOrBefore(day("2011-12-31"))).isEqualTo(day("2011-12-31"));
        assertThat(ReportingPeriod.QUARTER.lastEndOnOrBefore(day("2011-12-30"))).isEqualTo(day("2011-09-30"));
        assertThat(ReportingPeriod.QUARTER.lastEndOnOrBefore(day("2011-11-15"))).isEqualTo(day("2011-09-30"));
        assertThat(ReportingPeriod.QUARTER.lastEndOnOrBefore(day("2011-02-01"))).isEqualTo(day("2010-12-31"));
        assertThat(ReportingPeriod.QUARTER.isEnd(day("2012-06-30"))).isTrue();
        assertThat(ReportingPeriod.QUARTER.isEnd(day("2012-05-31"))).isFalse();
    }

    @Test
    void monthsAndYears() {
        assertThat(ReportingPeriod.MONTH.lastEndOnOrBefore(day("2012-02-29"))).isEqualTo(day("2012-02-29"));
        assertThat(ReportingPeriod.MONTH.lastEndOnOrBefore(day("2012-02-28"))).isEqualTo(day("2012-01-31"));
        assertThat(ReportingPeriod.YEAR.lastEndOnOrBefore(day("2012-12-30"))).isEqualTo(day("2011-12-31"));
        assertThat(ReportingPeriod.YEAR.isEnd(day("2012-12-31"))).isTrue();
        assertThat(ReportingPeriod.YEAR.isEnd(day("2012-03-31"))).isFalse();
    }
}
