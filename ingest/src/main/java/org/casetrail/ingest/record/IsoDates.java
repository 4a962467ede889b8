package org.casetrail.ingest.record;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The two shapes almost every export date has, {@code 2009-03-14} and
 * {@code 2009-03-15T09:12+07:00} (with or without seconds, or {@code Z}), read without java.time's
 * formatters, whose generality costs far more per record than these two shapes need
 * (bench/PROFILE.md, phase 1). Anything else, and any value out of range, gives null: the ISO
 * formatter then decides, so exactly what the formatters accept is accepted, and nothing else.
 */
final class IsoDates {

    private IsoDates() {}

    /** {@code yyyy-MM-dd} in ASCII digits, a real date; otherwise null. */
    static LocalDate date(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // 30 February and the like: the formatter's rejection stands
        }
    }

    /** {@code yyyy-MM-ddTHH:mm}, optionally {@code :ss}, then {@code Z} or {@code ±HH:MM}; otherwise null. */
    static OffsetDateTime dateTime(String text) {
        int length = text.length();
        if (length < 17 || text.charAt(10) != 'T' || text.charAt(13) != ':') {
            return null;
        }
        LocalDate date = date(text.substring(0, 10));
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = 0;
        int zone = 16;
        if (text.charAt(16) == ':') {
            if (length < 20) {
                return null;
            }
            second = digits(text, 17, 2);
            zone = 19;
        }
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        ZoneOffset offset;
        if (length == zone + 1) {
            if (text.charAt(zone) != 'Z') {
                return null;
            }
            offset = ZoneOffset.UTC;
        } else if (length == zone + 6) {
            char sign = text.charAt(zone);
            int offsetHours = digits(text, zone + 1, 2);
            int offsetMinutes = digits(text, zone + 4, 2);
            if ((sign != '+' && sign != '-')
                    || text.charAt(zone + 3) != ':'
                    || offsetHours < 0
                    || offsetHours > 17
                    || offsetMinutes < 0
                    || offsetMinutes > 59
                    || (sign == '-' && offsetHours == 0 && offsetMinutes == 0)) {
                return null;
            }
            int seconds = offsetHours * 3600 + offsetMinutes * 60;
            offset = ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
        } else {
            return null;
        }
        return OffsetDateTime.of(
                LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second),
                offset);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
