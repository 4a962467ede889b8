package org.casetrail.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written date reader never disagrees with java.time's ISO formatters: whatever it reads,
 * it reads to the same value, and whatever the formatters refuse, it leaves to them (null).
 */
class IsoDatesProperties {

    private static final String MUTATIONS = "0159-:Tt Z+zx";

    /** Dates and date-times near the usual shapes: values in and out of range, now and then a character changed. */
    @Provide
    Arbitrary<String> nearlyIsoDateTimes() {
        Arbitrary<String> shaped = Combinators.combine(
                        Arbitraries.integers().between(0, 9999),
                        Arbitraries.integers().between(0, 13),
                        Arbitraries.integers().between(0, 32),
                        Arbitraries.integers().between(0, 25),
                        Arbitraries.integers().between(0, 61),
                        Arbitraries.integers().between(0, 61),
                        Arbitraries.of("Z", "+", "-", ""),
                        Arbitraries.integers().between(0, 19 * 60 + 1))
                .as((y, mo, d, h, mi, s, zone, offset) ->
                        String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi)
                                + (s % 2 == 0 ? String.format(Locale.ROOT, ":%02d", s) : "")
                                + (zone.equals("+") || zone.equals("-")
                                        ? String.format(Locale.ROOT, "%s%02d:%02d", zone, offset / 60, offset % 60)
                                        : zone));
        Arbitrary<String> dates = shaped.map(s -> s.substring(0, 10));
        Arbitrary<String> any =
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, shaped), net.jqwik.api.Tuple.of(1, dates));
        return Combinators.combine(
                        any,
                        Arbitraries.integers().between(0, 60),
                        Arbitraries.of(MUTATIONS.chars().boxed().toList()))
                .as((text, at, c) -> at < text.length() && at % 3 == 0
                        ? text.substring(0, at) + (char) c.intValue() + text.substring(at + 1)
                        : text);
    }

    @Property(tries = 5000)
    void aDateItReadsIsTheDateTheFormatterReads(@ForAll("nearlyIsoDateTimes") String text) {
        LocalDate usual = IsoDates.date(text);
        if (usual != null) {
            assertThat(usual).isEqualTo(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
        }
    }

    @Property(tries = 5000)
    void aDateTimeItReadsIsTheOneTheFormatterReads(@ForAll("nearlyIsoDateTimes") String text) {
        OffsetDateTime usual = IsoDates.dateTime(text);
        if (usual != null) {
            assertThat(usual).isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }

    @Property(tries = 5000)
    void whatTheFormatterRefusesItLeavesToTheFormatter(@ForAll("nearlyIsoDateTimes") String text) {
        if (refusedAsDate(text)) {
            assertThat(IsoDates.date(text)).isNull();
        }
        if (refusedAsDateTime(text)) {
            assertThat(IsoDates.dateTime(text)).isNull();
        }
    }

    @Example
    void theUsualShapesAreReadWithoutTheFormatter() {
        assertThat(IsoDates.date("2009-03-14")).isEqualTo(LocalDate.of(2009, 3, 14));
        assertThat(IsoDates.dateTime("2009-03-15T09:12:00+07:00"))
                .isEqualTo(OffsetDateTime.parse("2009-03-15T09:12:00+07:00"));
        assertThat(IsoDates.dateTime("2009-03-15T09:12:00Z")).isEqualTo(OffsetDateTime.parse("2009-03-15T09:12:00Z"));
        assertThat(IsoDates.dateTime("2009-11-02T15:16+07:00"))
                .isEqualTo(OffsetDateTime.parse("2009-11-02T15:16+07:00"));
        assertThat(IsoDates.dateTime("2009-11-02T15:16Z")).isEqualTo(OffsetDateTime.parse("2009-11-02T15:16Z"));
        assertThat(IsoDates.date("2009-02-29")).isNull();
        assertThat(IsoDates.dateTime("2009-03-15t09:12:00z")).isNull();
    }

    private static boolean refusedAsDate(String text) {
        try {
            LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return false;
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static boolean refusedAsDateTime(String text) {
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return false;
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
