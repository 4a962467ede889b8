package org.casetrail.jobs.disclosure;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.release.LevelLoss;
import org.casetrail.schemas.table.TableSpec;

/**
 * What protection cost a release, per table and rollup level: the share of women counted in
 * published rows (a woman in two rows of a level, two courses say, counts twice on both sides),
 * and how far published counts are from the true ones. Reported in every manifest so that a
 * reader, and the organisation, can see what was withheld and how noisy the rest is.
 */
public final class InformationLoss {

    private InformationLoss() {}

    /** Levels by name (e.g. {@code identification_year × centre}) for one table's true and published rows. */
    public static Map<String, LevelLoss> of(TableSpec spec, List<OutcomeCell> truth, List<PublishedCell> published) {
        Map<String, PublishedCell> byId = new HashMap<>();
        for (PublishedCell cell : published) {
            byId.put(org.casetrail.jobs.outcomes.CellId.of(cell.table(), cell.key()), cell);
        }
        int cases = spec.counts().indexOf(spec.column("cases"));
        Map<String, long[]> sums = new TreeMap<>();
        for (OutcomeCell cell : truth) {
            PublishedCell out = byId.get(cell.cellId());
            if (out == null) {
                continue;
            }
            // rows, withheld, women, women published, counts published, sum |diff| , max |diff|
            long[] s = sums.computeIfAbsent(spec.level(cell.key), l -> new long[7]);
            s[0]++;
            s[2] += cell.counts[cases];
            if (out.suppressed()) {
                s[1]++;
                continue;
            }
            s[3] += cell.counts[cases];
            for (int i = 0; i < cell.counts.length; i++) {
                long diff = Math.abs(out.counts()[i] - cell.counts[i]);
                s[4]++;
                s[5] += diff;
                s[6] = Math.max(s[6], diff);
            }
        }
        Map<String, LevelLoss> levels = new LinkedHashMap<>();
        sums.forEach((level, s) -> levels.put(
                level,
                new LevelLoss(
                        s[0],
                        s[1],
                        s[2],
                        s[3],
                        s[2] == 0 ? 1.0 : round((double) s[3] / s[2]),
                        s[4],
                        s[4] == 0 ? 0.0 : round((double) s[5] / s[4]),
                        s[6])));
        return levels;
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
