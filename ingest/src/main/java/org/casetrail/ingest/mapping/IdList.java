package org.casetrail.ingest.mapping;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;

/**
 * A list of texts written as the compact JSON array Jackson writes ({@code ["sokha","chan","1990-03-05"]}):
 * the form of a case identity of several columns and of a record id (docs/sources.md, "Case
 * identity", "Record ids"), made for every row, so written directly rather than through a tree
 * of nodes and an object writer. The text must not change: it is what the pseudonyms are made of.
 */
final class IdList {

    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    private IdList() {}

    static String of(List<String> items) {
        int size = 2;
        for (String item : items) {
            size += item.length() + 8; // its quotes, a comma, and room for a few escapes
        }
        StringBuilder out = new StringBuilder(size).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            String item = items.get(i);
            if (hasControlCharacter(item)) {
                JSON.quoteAsString(item, out);
            } else {
                int from = 0;
                for (int c = 0; c < item.length(); c++) {
                    char ch = item.charAt(c);
                    if (ch == '"' || ch == '\\') {
                        out.append(item, from, c).append('\\');
                        from = c;
                    }
                }
                out.append(item, from, item.length());
            }
            out.append('"');
        }
        return out.append(']').toString();
    }

    /**
     * Whether the text holds a control character, which JSON writes as an escape of its own; a
     * quote or a backslash (a case identity of several columns in a record id is a list in a
     * list) only takes a backslash before it.
     */
    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }
}
