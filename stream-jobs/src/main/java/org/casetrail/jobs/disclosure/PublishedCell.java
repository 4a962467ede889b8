package org.casetrail.jobs.disclosure;

import java.util.Arrays;

/**
 * A cell as published: key, counts and statistics in the table's column order, or nulls where
 * disclosure control withheld them.
 */
public record PublishedCell(String table, String[] key, Long[] counts, Double[] statistics, Suppression suppression) {

    /** Why a cell was withheld, if it was. */
    public enum Suppression {
        NONE,
        /** It describes fewer than k women. */
        PRIMARY,
        /** It was withheld so that no primary cell can be recovered by subtraction. */
        SECONDARY
    }

    /** Orders rows by their key values, nulls first, the same way in every release. */
    public String sortKey() {
        StringBuilder sort = new StringBuilder();
        for (String value : key) {
            sort.append(value == null ? "" : value).append('\u001f');
        }
        return sort.toString();
    }

    public boolean suppressed() {
        return suppression != Suppression.NONE;
    }

    @Override
    public String toString() {
        return "PublishedCell[" + table + " " + Arrays.toString(key) + " " + Arrays.toString(counts) + " " + suppression
                + "]";
    }
}
