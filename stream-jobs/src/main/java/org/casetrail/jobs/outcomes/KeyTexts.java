package org.casetrail.jobs.outcomes;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One String instance per value of a cell's key. A replay sums every woman's sixty contributions
 * into a map of all the cells; a contribution's key made of instances of its own sent each lookup
 * through every key string's characters, a cache miss or two apiece in a map that size, while
 * the same instances compare by reference. Key values are years and codes from closed lists, so
 * the table stays small; past its bound a value is used as it is, which only costs that speed.
 */
final class KeyTexts {

    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2100;
    private static final int MOST_TEXTS = 10_000;
    private static final String[] YEARS = new String[LAST_YEAR - FIRST_YEAR + 1];
    private static final ConcurrentHashMap<String, String> TEXTS = new ConcurrentHashMap<>();

    static {
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            YEARS[year - FIRST_YEAR] = Integer.toString(year);
        }
    }

    private KeyTexts() {}

    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Enum<?>) {
            return value.toString(); // a constant's own name, the same instance every time
        }
        if (value instanceof Integer year && year >= FIRST_YEAR && year <= LAST_YEAR) {
            return YEARS[year - FIRST_YEAR];
        }
        String text = value.toString();
        if (TEXTS.size() >= MOST_TEXTS) {
            return text;
        }
        String known = TEXTS.putIfAbsent(text, text);
        return known == null ? text : known;
    }
}
