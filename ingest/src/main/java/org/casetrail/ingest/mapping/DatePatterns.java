package org.casetrail.ingest.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.chrono.IsoEra;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * How a column's dates are read: ISO dates and date-times always (an ODK export's), then the
 * mapping's own patterns in order ({@code dd/MM/yyyy}), then an Excel serial day number of five
 * digits (a date cell saved as a number). A date that none of them reads is a reject, never a
 * guess: patterns are strict, so 31/02/2009 is not 3 March.
 */
record DatePatterns(List<String> patterns, List<DateTimeFormatter> formatters) {

    static final DatePatterns ISO_ONLY = new DatePatterns(List.of(), List.of());

    /** Excel's day 0 for serials after its phantom 29 February 1900. */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    /**
     * A pattern of {@link DateTimeFormatter}'s letters, or why it cannot be one. A two-digit year
     * is refused: 85 could be 1985 or 2085, and a birth date must not be guessed.
     */
    static DateTimeFormatter compile(String pattern) {
        String letters = pattern.replaceAll("'[^']*'", "");
        if (!letters.contains("d") || !(letters.contains("M") || letters.contains("L"))) {
            throw new IllegalArgumentException("a date pattern needs a day (d) and a month (M)");
        }
        if (!letters.matches(".*(?<![yu])([yu]|[yu]{3,})(?![yu]).*")) {
            throw new IllegalArgumentException("a date pattern needs a four-digit year (yyyy)");
        }
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, IsoEra.CE.getValue())
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** The date a cell holds, or null when no form of date reads it. */
    LocalDate parse(String text) {
        String value = text.strip();
        LocalDate iso = iso(value);
        if (iso != null) {
            return iso;
        }
        // Before the patterns, which cannot read five digits alone (a day, a month and a four-digit
        // year are six at least), so the order does not change what is read, only its cost: a
        // pattern that does not fit throws.
        LocalDate serial = excelSerial(value);
        if (serial != null) {
            return serial;
        }
        for (DateTimeFormatter formatter : formatters) {
            try {
                return LocalDate.parse(value, formatter);
            } catch (DateTimeException notThis) {
                // the next pattern may read it
            }
        }
        return null;
    }

    private static LocalDate iso(String value) {
        if (value.length() < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        try {
            if (value.length() == 10) {
                return isoDay(value);
            }
            String dateTime = value.charAt(10) == ' ' ? value.substring(0, 10) + 'T' + value.substring(11) : value;
            if (dateTime.charAt(10) != 'T') {
                return null;
            }
            try {
                return OffsetDateTime.parse(dateTime).toLocalDate();
            } catch (DateTimeException noOffset) {
                return LocalDateTime.parse(dateTime).toLocalDate();
            }
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A {@code yyyy-MM-dd} date, read digit by digit: every date cell of a workbook comes as one,
     * and the general parser is a good share of a mapped row's time.
     */
    private static LocalDate isoDay(String value) {
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The number written in {@code value[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static LocalDate excelSerial(String value) {
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        if (whole.length() != 5 || !whole.chars().allMatch(Character::isDigit)) {
            return null;
        }
        if (dot >= 0
                && (dot == value.length() - 1
                        || !value.substring(dot + 1).chars().allMatch(Character::isDigit))) {
            return null;
        }
        return EXCEL_EPOCH.plusDays(Integer.parseInt(whole));
    }
}
