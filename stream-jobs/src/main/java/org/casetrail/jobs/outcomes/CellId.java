package org.casetrail.jobs.outcomes;

/** A cell's identity as one string: table and key values, with a separator no value contains. */
public final class CellId {

    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    private CellId() {}

    public static String of(String table, String[] key) {
        StringBuilder id = new StringBuilder(table);
        for (String value : key) {
            id.append(SEPARATOR).append(value == null ? NULL : value);
        }
        return id.toString();
    }
}
