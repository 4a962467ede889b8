package org.casetrail.jobs.outcomes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private Rollups() {}

    /** Her cells and all their rollups, each cell once, in a stable order. */
    public static List<CellContribution> expand(List<CellContribution> herCells) {
        Map<CellAddress, CellContribution> rows = new LinkedHashMap<>();
        for (CellContribution cell : herCells) {
            TableSpec spec = Tables.byName(cell.table).orElseThrow();
            List<Column> keys = spec.keys();
            List<Integer> dimensions = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).rollup()) {
                    dimensions.add(i);
                }
            }
            for (int mask = 0; mask < 1 << dimensions.size(); mask++) {
                String[] key = cell.key.clone();
                for (int d = 0; d < dimensions.size(); d++) {
                    if ((mask & 1 << d) != 0) {
                        key[dimensions.get(d)] = Column.ALL;
                    }
                }
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
