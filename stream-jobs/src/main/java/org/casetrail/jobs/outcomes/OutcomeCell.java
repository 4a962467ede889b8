package org.casetrail.jobs.outcomes;

import java.util.Arrays;

/**
 * One cell of a published table before disclosure control: its key, summed counts and the sorted
 * durations behind each median. A POJO for Flink.
 */
public class OutcomeCell {

    public String table;
    public String[] key;
    public long[] counts;
    public long[][] samples;
    public long[] keySums;

    public OutcomeCell() {}

    public OutcomeCell(String table, String[] key, long[] counts, long[][] samples) {
        this(table, key, counts, samples, new long[counts.length]);
    }

    public OutcomeCell(String table, String[] key, long[] counts, long[][] samples, long[] keySums) {
        this.table = table;
        this.key = key;
        this.counts = counts;
        this.samples = samples;
        this.keySums = keySums;
    }

    /** The cell that the sum of all contributions to it describes. */
    public static OutcomeCell of(CellContribution sum) {
        if (sum.sign != 1) {
            throw new IllegalArgumentException("a cell is a sum of contributions, with sign +1");
        }
        return new OutcomeCell(sum.table, sum.key, sum.counts, sum.samples, sum.keySums);
    }

    public String cellId() {
        return CellId.of(table, key);
    }

    /** The cell key of the i-th count column, named {@code column}. */
    public int cellKey(int i, String column) {
        return org.casetrail.schemas.perturbation.CellKey.of(column, keySums[i]);
    }

    /** The median of the i-th median column's durations; null with none. */
    public Double median(int i) {
        long[] values = samples[i];
        if (values.length == 0) {
            return null;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }

    @Override
    public String toString() {
        return "OutcomeCell[" + table + " " + Arrays.toString(key) + " " + Arrays.toString(counts) + "]";
    }
}
