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

    public boolean suppressed() {
        return suppression != Suppression.NONE;
    }

    @Override
    public String toString() {
        return "PublishedCell[" + table + " " + Arrays.toString(key) + " " + Arrays.toString(counts) + " " + suppression + "]";
    }
}
