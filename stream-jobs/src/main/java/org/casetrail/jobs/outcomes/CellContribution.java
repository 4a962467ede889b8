package org.casetrail.jobs.outcomes;

import java.util.Arrays;
import org.casetrail.schemas.table.TableSpec;

/**
 * What one case adds to (sign +1) or takes back from (sign -1) one cell of a published table:
 * its counts in the order of the table's count columns, and its durations for each median column.
 * A plain POJO so that Flink serializes it without Kryo.
 */
public class CellContribution {

    public String table;
    public String[] key;
    public int sign;
    public long[] counts;
    public long[][] samples;
    /** Per count column, the sum of the record keys of the women it counts (see CellKey). */
    public long[] keySums;
    /**
     * True for a woman's cell whose rollup rows are not sent with it: {@link CellSums} derives them
     * from the sums of such cells (see {@link Rollups#deferred}). Never true in what a drain returns.
     */
    public boolean rollupsToFollow;

    public CellContribution() {}

    public CellContribution(String table, String[] key, int sign, long[] counts, long[][] samples) {
        this(table, key, sign, counts, samples, new long[counts.length]);
    }

    public CellContribution(String table, String[] key, int sign, long[] counts, long[][] samples, long[] keySums) {
        this.table = table;
        this.key = key;
        this.sign = sign;
        this.counts = counts;
        this.samples = samples;
        this.keySums = keySums;
    }

    /** The same contribution as one woman's, with her record key behind every count she is in. */
    public CellContribution ofWoman(int recordKey) {
        long[] sums = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            sums[i] = counts[i] != 0 ? recordKey : 0;
        }
        CellContribution hers = new CellContribution(table, key, sign, counts, samples, sums);
        hers.rollupsToFollow = rollupsToFollow;
        return hers;
    }

    /** The cell this contributes to, as one string: what the aggregation is keyed by. */
    public String cellId() {
        return CellId.of(table, key);
    }

    /**
     * The sum of two contributions to the same cell, as a contribution with sign +1: counts add
     * up, durations join (or, for a retraction, leave) the multiset behind each median.
     */
    public static CellContribution merge(CellContribution a, CellContribution b) {
        long[] counts = new long[a.counts.length];
        long[] keySums = new long[a.counts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = a.sign * a.counts[i] + b.sign * b.counts[i];
            keySums[i] = a.sign * a.keySums[i] + b.sign * b.keySums[i];
        }
        long[][] samples = new long[a.samples.length][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = combine(a.sign > 0 ? a.samples[i] : new long[0], b.samples[i], b.sign);
        }
        return new CellContribution(a.table, a.key, 1, counts, samples, keySums);
    }

    private static long[] combine(long[] sorted, long[] values, int sign) {
        long[] other = values.clone();
        Arrays.sort(other);
        if (sign > 0) {
            long[] out = new long[sorted.length + other.length];
            int i = 0;
            int j = 0;
            int o = 0;
            while (i < sorted.length || j < other.length) {
                out[o++] = j >= other.length || (i < sorted.length && sorted[i] <= other[j]) ? sorted[i++] : other[j++];
            }
            return out;
        }
        long[] out = sorted.clone();
        int length = out.length;
        for (long value : other) {
            int at = Arrays.binarySearch(out, 0, length, value);
            if (at >= 0) {
                System.arraycopy(out, at + 1, out, at, length - at - 1);
                length--;
            }
        }
        return Arrays.copyOf(out, length);
    }

    /** Cases in the cell: every table's first count column is {@code cases}. */
    public long cases() {
        return sign * counts[0];
    }

    public CellContribution negated() {
        CellContribution negated = new CellContribution(table, key, -sign, counts, samples, keySums);
        negated.rollupsToFollow = rollupsToFollow;
        return negated;
    }

    /** Starts a contribution of one case to a cell of {@code spec}, with every count at zero. */
    public static Builder to(TableSpec spec, Object... keyValues) {
        return new Builder(spec, keyValues);
    }

    public static final class Builder {
        private final TableSpec spec;
        private final String[] key;
        private final long[] counts;
        private final long[][] samples;

        private Builder(TableSpec spec, Object... keyValues) {
            if (keyValues.length != spec.keys().size()) {
                throw new IllegalArgumentException(
                        spec.name() + " has " + spec.keys().size() + " key columns");
            }
            this.spec = spec;
            this.key = new String[keyValues.length];
            for (int i = 0; i < keyValues.length; i++) {
                key[i] = keyValues[i] == null ? null : keyValues[i].toString();
            }
            this.counts = new long[spec.counts().size()];
            this.samples = new long[spec.medians().size()][];
            Arrays.fill(samples, new long[0]);
        }

        public Builder count(String column, long value) {
            counts[spec.countIndex(column)] += value;
            return this;
        }

        public Builder countIf(String column, boolean condition) {
            return condition ? count(column, 1) : this;
        }

        public Builder sample(String median, Long value) {
            if (value != null) {
                int i = spec.medianIndex(median);
                long[] values = Arrays.copyOf(samples[i], samples[i].length + 1);
                values[values.length - 1] = value;
                samples[i] = values;
            }
            return this;
        }

        public CellContribution build() {
            for (long[] values : samples) {
                Arrays.sort(values);
            }
            return new CellContribution(spec.name(), key, 1, counts, samples);
        }
    }

    @Override
    public String toString() {
        return "CellContribution[" + cellId() + " " + sign + " " + Arrays.toString(counts) + "]";
    }
}
