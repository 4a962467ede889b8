package org.casetrail.jobs.outcomes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contributions summed per cell in memory, to be passed on as a few sums instead of one record
 * per woman and cell: every journey contributes to about sixty cells (rollups included), so a
 * replay would otherwise shuffle and sort several times as many contributions as it read events.
 * A contribution marked {@link CellContribution#rollupsToFollow} stands for its rollup rows too,
 * which the drain derives from the sum of such contributions.
 *
 * <p>What the drains return, merged into a cell's running sum with {@link CellContribution#merge}
 * drain after drain (in any order within one drain), gives exactly the sum of merging every added
 * contribution one by one: counts and record-key sums add up, and the durations behind each
 * median form the same multiset. Retractions (sign -1, only in a streaming run) are kept apart
 * from additions until the drain, where equal durations cancel; what is left of them goes out as a
 * retraction that takes back durations an earlier drain passed on.
 */
public final class CellSums {

    private final Map<CellAddress, Pending> cells = new HashMap<>();
    /** Cells whose rollup rows were not sent with them: each rollup row's sum is the sum of theirs. */
    private final Map<CellAddress, Pending> withRollupsToFollow = new HashMap<>();

    public void add(CellContribution contribution) {
        (contribution.rollupsToFollow ? withRollupsToFollow : cells)
                .computeIfAbsent(CellAddress.of(contribution), id -> new Pending(contribution))
                .add(contribution);
    }

    /** True when nothing has been added since the last drain. */
    public boolean isEmpty() {
        return cells.isEmpty() && withRollupsToFollow.isEmpty();
    }

    /** The sums of everything added since the last drain (at most two per cell), and forgets them. */
    public List<CellContribution> drain() {
        // Every marked contribution stands for itself and its rollup rows, and sums are linear.
        for (Pending cell : withRollupsToFollow.values()) {
            int[] dimensions = Rollups.dimensions(cell.table);
            for (int mask = 0; mask < 1 << dimensions.length; mask++) {
                String[] key = Rollups.rolledUp(cell.key, dimensions, mask);
                cells.computeIfAbsent(new CellAddress(cell.table, key), id -> new Pending(cell, key))
                        .add(cell);
            }
        }
        withRollupsToFollow.clear();
        List<CellContribution> out = new ArrayList<>(cells.size());
        for (Pending pending : cells.values()) {
            pending.drainInto(out);
        }
        cells.clear();
        return out;
    }

    /** One cell's sum so far: signed counts and key sums, and its durations added and taken back. */
    private static final class Pending {
        private final String table;
        private final String[] key;
        private final long[] counts;
        private final long[] keySums;
        private final Durations[] added;
        private final Durations[] retracted;

        Pending(CellContribution first) {
            this(first.table, first.key, first.counts.length, first.samples.length);
        }

        /** An empty sum for the cell at {@code key} of the same table as {@code like}. */
        Pending(Pending like, String[] key) {
            this(like.table, key, like.counts.length, like.added.length);
        }

        private Pending(String table, String[] key, int counts, int medians) {
            this.table = table;
            this.key = key;
            this.counts = new long[counts];
            this.keySums = new long[counts];
            added = new Durations[medians];
            retracted = new Durations[medians];
            for (int i = 0; i < medians; i++) {
                added[i] = new Durations();
                retracted[i] = new Durations();
            }
        }

        /** Adds another sum of the same table. */
        void add(Pending other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
                keySums[i] += other.keySums[i];
            }
            for (int i = 0; i < added.length; i++) {
                added[i].addAll(other.added[i]);
                retracted[i].addAll(other.retracted[i]);
            }
        }

        void add(CellContribution c) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += c.sign * c.counts[i];
                keySums[i] += c.sign * c.keySums[i];
            }
            for (int i = 0; i < added.length; i++) {
                (c.sign > 0 ? added[i] : retracted[i]).addAll(c.samples[i]);
            }
        }

        void drainInto(List<CellContribution> out) {
            long[][] plus = new long[added.length][];
            long[][] minus = new long[added.length][];
            boolean anyRetracted = false;
            boolean anyDuration = false;
            for (int i = 0; i < added.length; i++) {
                long[] a = added[i].sorted();
                long[] r = retracted[i].sorted();
                plus[i] = withoutCommon(a, r);
                minus[i] = withoutCommon(r, a);
                anyRetracted |= minus[i].length > 0;
                anyDuration |= plus[i].length > 0;
            }
            boolean anyCount = Arrays.stream(counts).anyMatch(n -> n != 0)
                    || Arrays.stream(keySums).anyMatch(n -> n != 0);
            // Counts go with the addition; a retraction carries only the durations it takes back.
            if (anyRetracted) {
                out.add(new CellContribution(table, key, -1, new long[counts.length], minus, new long[counts.length]));
            }
            if (anyCount || anyDuration) {
                out.add(new CellContribution(table, key, 1, counts, plus, keySums));
            }
        }

        /** The multiset difference {@code values - other}, both sorted. */
        private static long[] withoutCommon(long[] values, long[] other) {
            long[] out = new long[values.length];
            int n = 0;
            int j = 0;
            for (long v : values) {
                while (j < other.length && other[j] < v) {
                    j++;
                }
                if (j < other.length && other[j] == v) {
                    j++;
                } else {
                    out[n++] = v;
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
    }

    /** A growable list of durations: one array copy per doubling, not per contribution. */
    private static final class Durations {
        private long[] values = new long[0];
        private int size;

        void addAll(long[] more) {
            addAll(more, more.length);
        }

        void addAll(Durations more) {
            addAll(more.values, more.size);
        }

        private void addAll(long[] more, int length) {
            if (length == 0) {
                return;
            }
            if (size + length > values.length) {
                values = Arrays.copyOf(values, Math.max(size + length, Math.max(4, values.length * 2)));
            }
            System.arraycopy(more, 0, values, size, length);
            size += length;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
