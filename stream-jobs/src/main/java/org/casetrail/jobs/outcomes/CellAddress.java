package org.casetrail.jobs.outcomes;

import java.util.Arrays;

/**
 * Where a cell is: its table and key values, as a map key. It stands for {@link CellId}'s string
 * in the maps a replay fills once per contribution, where building that string for every one of
 * a woman's sixty contributions cost more than the summing.
 */
final class CellAddress {

    private final String table;
    private final String[] key;
    private final int hash;

    CellAddress(String table, String[] key) {
        this.table = table;
        this.key = key;
        this.hash = 31 * table.hashCode() + Arrays.hashCode(key);
    }

    static CellAddress of(CellContribution c) {
        return new CellAddress(c.table, c.key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CellAddress that
                && hash == that.hash
                && table.equals(that.table)
                && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
