package org.casetrail.ingest.mapping;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a label in a file is compared with a label in a mapping: letter case, spaces at either end
 * and runs of inner spaces (a no-break space too) do not count, so {@code "Debt bondage "} as
 * Excel's template writes it is {@code "debt bondage"}. The same comparison finds columns in a
 * header and makes a case identity from its columns.
 */
final class Labels {

    private Labels() {}

    static String normalise(String text) {
        if (plain(text)) {
            return text;
        }
        boolean ascii = ascii(text);
        String composed = ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < composed.length(); i++) {
            char c = composed.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(ascii && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return ascii ? out.toString() : out.toString().toLowerCase(Locale.ROOT);
    }

    /** ASCII text is composed already: no need to ask {@link Normalizer}, a good share of a row's time. */
    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a text is already as {@link #normalise} makes it: ASCII in lower case, single spaces
     * between words and none at either end, as codes, ISO dates and numbers are. It is then used as
     * it is.
     */
    private static boolean plain(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return length == 0;
        }
        char previous = 'a';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c < ' ') || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
