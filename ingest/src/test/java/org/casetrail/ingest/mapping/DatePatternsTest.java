package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatePatternsTest {

    private static DatePatterns of(String... patterns) {
        return new DatePatterns(
                List.of(patterns),
                List.of(patterns).stream().map(DatePatterns::compile).toList());
    }

    @Test
    void isoDatesAndDateTimesAreReadWhateverThePatterns() {
        DatePatterns none = DatePatterns.ISO_ONLY;
        assertThat(none.parse("2009-03-14")).isEqualTo(LocalDate.of(2009, 3, 14));
        assertThat(none.parse("2018-01-01T00:00:00.000Z")).isEqualTo(LocalDate.of(2018, 1, 1));
        assertThat(none.parse("2017-10-23T05:40:39.000-04:00")).isEqualTo(LocalDate.of(2017, 10, 23));
        assertThat(none.parse("2017-10-23T09:41:19")).isEqualTo(LocalDate.of(2017, 10, 23));
        assertThat(none.parse("2017-10-23 09:41")).isEqualTo(LocalDate.of(2017, 10, 23));
        assertThat(none.parse("14/03/2009")).isNull();
    }

    @Test
    void declaredPatternsAreTriedInOrderAndStrictly() {
        DatePatterns dayFirst = of("d/M/yyyy", "MMM d, yyyy");
        assertThat(dayFirst.parse("14/3/2009")).isEqualTo(LocalDate.of(2009, 3, 14));
        assertThat(dayFirst.parse("Apr 26, 2018")).isEqualTo(LocalDate.of(2018, 4, 26));
        assertThat(dayFirst.parse("apr 26, 2018")).isEqualTo(LocalDate.of(2018, 4, 26));
        assertThat(dayFirst.parse("31/2/2009")).as("no 31 February").isNull();
        assertThat(of("MMM d, yyyy h:mm:ss a").parse("Apr 26, 2018 8:56:00 AM")).isEqualTo(LocalDate.of(2018, 4, 26));
    }

    @Test
    void anExcelSerialOfFiveDigitsIsADayCountAndAYearAloneIsNot() {
        assertThat(DatePatterns.ISO_ONLY.parse("40000")).isEqualTo(LocalDate.of(2009, 7, 6));
        assertThat(DatePatterns.ISO_ONLY.parse("40000.75")).isEqualTo(LocalDate.of(2009, 7, 6));
        assertThat(DatePatterns.ISO_ONLY.parse("2009")).isNull();
        assertThat(DatePatterns.ISO_ONLY.parse("400001")).isNull();
        assertThat(DatePatterns.ISO_ONLY.parse("40000.")).isNull();
    }

    @Test
    void aPatternWithoutDayMonthOrFullYearIsRefused() {
        assertThatThrownBy(() -> DatePatterns.compile("MM/yyyy"))
                .hasMessage("a date pattern needs a day (d) and a month (M)");
        assertThatThrownBy(() -> DatePatterns.compile("dd/MM/yy"))
                .hasMessage("a date pattern needs a four-digit year (yyyy)");
        assertThat(DatePatterns.compile("dd 'de' MMMM 'de' yyyy")).isNotNull();
    }

    @Test
    void labelsForgiveCaseAndSpacesButNotSpelling() {
        assertThat(Labels.normalise("  Debt\u00a0 bondage ")).isEqualTo("debt bondage");
        assertThat(Labels.normalise("Feminine\u00a0")).isEqualTo("feminine");
        assertThat(Labels.normalise("Debtbondage")).isNotEqualTo(Labels.normalise("Debt bondage"));
    }
}
