package org.casetrail.ingest.record;

/**
 * The shapes of the input contract's short codes, checked by hand: regular expressions, matched for
 * every record, cost more than the checks they make (bench/PROFILE.md, phase 2). Each method
 * accepts exactly what the expression in its comment matches ({@code CodesProperties} holds them to
 * it).
 */
final class Codes {

    private Codes() {}

    /** A source system: {@code [A-Za-z0-9_.\-]{1,64}}. */
    static boolean isSource(String text) {
        int length = text.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!isLetterOrDigitOrUnderscore(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A centre: {@code [A-Za-z0-9_]{1,32}}, and never ALL in any case, which names the rollup rows (every centre) of the published tables. */
    static boolean isCentre(String text) {
        int length = text.length();
        if (length < 1 || length > 32) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isLetterOrDigitOrUnderscore(text.charAt(i))) {
                return false;
            }
        }
        return !text.equalsIgnoreCase("ALL");
    }

    /** An ISO 3166 alpha-2 nationality: {@code [A-Z]{2}}. */
    static boolean isNationality(String text) {
        return text.length() == 2 && isUpper(text.charAt(0)) && isUpper(text.charAt(1));
    }

    private static boolean isLetterOrDigitOrUnderscore(char c) {
        return (c >= 'a' && c <= 'z') || isUpper(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
