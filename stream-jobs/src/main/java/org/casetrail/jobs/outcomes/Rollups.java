package org.casetrail.jobs.outcomes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * The rollup rows one woman belongs to: for each of her cells, the same cell with every
 * combination of its dimensions set to {@link Column#ALL}. Where several of her cells roll up into
 * one row (two courses in the same year), they merge as one woman: she counts once in a count of
 * women and her things (court cases, admissions) add up.
 */
public final class Rollups {

    /** Per table, the positions of its key columns that roll up. */
    private static final Map<String, int[]> DIMENSIONS = new ConcurrentHashMap<>();

    private Rollups() {}

    /** The positions of {@code table}'s key columns that are {@link Column#ALL} in its rollup rows. */
    static int[] dimensions(String table) {
        return DIMENSIONS.computeIfAbsent(table, name -> {
            List<Column> keys = Tables.byName(name).orElseThrow().keys();
            return IntStream.range(0, keys.size())
                    .filter(i -> keys.get(i).rollup())
                    .toArray();
        });
    }

    /** {@code key} with the rollup dimensions picked by the bits of {@code mask} set to ALL. */
    static String[] rolledUp(String[] key, int[] dimensions, int mask) {
        String[] rolled = key.clone();
        for (int d = 0; d < dimensions.length; d++) {
            if ((mask & 1 << d) != 0) {
                rolled[dimensions[d]] = Column.ALL;
            }
        }
        return rolled;
    }

    /**
     * Her cells, for {@link CellSums}: where her rollup rows are each exactly one of her cells with
     * dimensions set to ALL, only her cells go, marked {@link CellContribution#rollupsToFollow}, and
     * the sums derive the rollup rows from the sums of the cells; a replay then sums about half as
     * many contributions. That holds for a table when no two of her cells agree on every key that
     * does not roll up (else they meet in a rollup row and merge as one woman) and no value that
     * rolls up is already ALL. Otherwise that table's rows go expanded, as {@link #expand} makes them.
     */
    public static List<CellContribution> deferred(List<CellContribution> herCells) {
        Map<String, List<CellContribution>> byTable = new LinkedHashMap<>();
        for (CellContribution cell : herCells) {
            byTable.computeIfAbsent(cell.table, t -> new ArrayList<>(2)).add(cell);
        }
        List<CellContribution> out = new ArrayList<>();
        for (Map.Entry<String, List<CellContribution>> table : byTable.entrySet()) {
            int[] dimensions = dimensions(table.getKey());
            List<CellContribution> cells = table.getValue();
            if (dimensions.length > 0 && neverMeet(cells, dimensions)) {
                for (CellContribution cell : cells) {
                    CellContribution marked = new CellContribution(
                            cell.table, cell.key, cell.sign, cell.counts, cell.samples, cell.keySums);
                    marked.rollupsToFollow = true;
                    out.add(marked);
                }
            } else {
                out.addAll(expand(cells));
            }
        }
        return out;
    }

    /** True when no rollup row takes two of these cells of one table, nor one cell twice. */
    private static boolean neverMeet(List<CellContribution> cells, int[] dimensions) {
        for (CellContribution cell : cells) {
            for (int d : dimensions) {
                if (Column.ALL.equals(cell.key[d])) {
                    return false;
                }
            }
        }
        if (cells.size() == 1) {
            return true;
        }
        int all = (1 << dimensions.length) - 1;
        Set<List<String>> fixed = new HashSet<>();
        for (CellContribution cell : cells) {
            if (!fixed.add(Arrays.asList(rolledUp(cell.key, dimensions, all)))) {
                return false;
            }
        }
        return true;
    }

    /** Her cells and all their rollups, each cell once, in a stable order. */
    public static List<CellContribution> expand(List<CellContribution> herCells) {
        Map<CellAddress, CellContribution> rows = new LinkedHashMap<>();
        for (CellContribution cell : herCells) {
            TableSpec spec = Tables.byName(cell.table).orElseThrow();
            int[] dimensions = dimensions(cell.table);
            for (int mask = 0; mask < 1 << dimensions.length; mask++) {
                String[] key = rolledUp(cell.key, dimensions, mask);
                CellContribution row = new CellContribution(cell.table, key, 1, cell.counts, cell.samples);
                rows.merge(CellAddress.of(row), row, (a, b) -> sameWoman(spec, a, b));
            }
        }
        return List.copyOf(rows.values());
    }

    private static CellContribution sameWoman(TableSpec spec, CellContribution a, CellContribution b) {
        List<Column> counts = spec.counts();
        long[] merged = new long[a.counts.length];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = counts.get(i).ofWomen() ? Math.max(a.counts[i], b.counts[i]) : a.counts[i] + b.counts[i];
        }
        long[][] samples = new long[a.samples.length][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Arrays.copyOf(a.samples[i], a.samples[i].length + b.samples[i].length);
            System.arraycopy(b.samples[i], 0, samples[i], a.samples[i].length, b.samples[i].length);
            Arrays.sort(samples[i]);
        }
        return new CellContribution(a.table, a.key, 1, merged, samples);
    }
}
