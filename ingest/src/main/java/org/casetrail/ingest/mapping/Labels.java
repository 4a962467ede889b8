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
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
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
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
