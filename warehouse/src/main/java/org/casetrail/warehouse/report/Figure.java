package org.casetrail.warehouse.report;

import java.util.Locale;

/**
 * One published figure as the report shows it: a number, or withheld (its row describes fewer
 * than k women, or the statistic needs more women than it has), or absent (the release has no
 * such row). Withheld is never shown as zero: a reader would take it for "none".
 */
public record Figure(Number value, State state) {

    public enum State {
        PUBLISHED,
        WITHHELD,
        ABSENT
    }

    public static Figure of(Number value) {
        return value == null ? withheld() : new Figure(value, State.PUBLISHED);
    }

    public static Figure withheld() {
        return new Figure(null, State.WITHHELD);
    }

    public static Figure absent() {
        return new Figure(null, State.ABSENT);
    }

    public boolean published() {
        return state == State.PUBLISHED;
    }

    public double asDouble() {
        return value == null ? 0 : value.doubleValue();
    }

    /** As the report prints it: 1,234 / 185 / 74% for a rate, or a word. */
    public String text() {
        return switch (state) {
            case WITHHELD -> "withheld";
            case ABSENT -> "none recorded";
            case PUBLISHED ->
                value instanceof Double || value instanceof Float
                        ? String.format(Locale.ROOT, "%,.0f", value.doubleValue())
                        : String.format(Locale.ROOT, "%,d", value.longValue());
        };
    }

    /** A rate in [0, 1] as a whole percentage. */
    public String percentText() {
        return published() ? String.format(Locale.ROOT, "%.0f%%", 100 * value.doubleValue()) : text();
    }
}
