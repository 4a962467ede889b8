package org.casetrail.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines typed at the query prompt, gathered into statements: a statement ends at a {@code ;}
 * that is outside quotes and comments, as in DuckDB's own shell, so a long query can be typed
 * over several lines.
 */
final class StatementBuffer {

    private final StringBuilder pending = new StringBuilder();
    private char quote;
    private boolean blockComment;

    /** Adds a line; returns the statements it completed (without their {@code ;}), in order. */
    List<String> add(String line) {
        List<String> complete = new ArrayList<>();
        boolean lineComment = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
            if (lineComment) {
                pending.append(c);
            } else if (blockComment) {
                pending.append(c);
                if (c == '*' && next == '/') {
                    pending.append(next);
                    i++;
                    blockComment = false;
                }
            } else if (quote != 0) {
                pending.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                pending.append(c);
                quote = c;
            } else if (c == '-' && next == '-') {
                pending.append(c);
                lineComment = true;
            } else if (c == '/' && next == '*') {
                pending.append(c).append(next);
                i++;
                blockComment = true;
            } else if (c == ';') {
                String statement = pending.toString().strip();
                if (!statement.isEmpty()) {
                    complete.add(statement);
                }
                pending.setLength(0);
            } else {
                pending.append(c);
            }
        }
        if (!pending.isEmpty()) {
            pending.append('\n');
        }
        return complete;
    }

    /** True when nothing but blanks is waiting for a {@code ;}. */
    boolean isEmpty() {
        return pending.toString().isBlank();
    }

    void clear() {
        pending.setLength(0);
        quote = 0;
        blockComment = false;
    }
}
