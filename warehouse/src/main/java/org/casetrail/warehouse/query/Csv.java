package org.casetrail.warehouse.query;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as casetrail writes it (RFC 4180 quoting), safe to open in a spreadsheet. A text cell that
 * starts with {@code = + - @}, a tab or a carriage return is one a spreadsheet may run as a
 * formula (OWASP "CSV injection"; humanitarian case-management systems neutralise it the same
 * way), so it gets a leading single quote, which spreadsheets show as text. Numbers are never
 * altered: a negative number is a number, and a researcher's script must read it back as one.
 */
public final class Csv {

    private Csv() {}

    /** One row: the fields, neutralised and quoted, joined with commas (no line end). */
    public static String line(List<?> values) {
        return values.stream().map(Csv::field).collect(Collectors.joining(","));
    }

    /** One field; null is the empty field. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quoted(neutralised(value.toString()));
    }

    /** Text a spreadsheet will not run as a formula. */
    public static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String quoted(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
