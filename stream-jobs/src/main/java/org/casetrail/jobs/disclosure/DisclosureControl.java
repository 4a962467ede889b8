package org.casetrail.jobs.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Turns the cells of every published table into what may be published under a {@link SuppressionRule}:
 * primary suppression of cells with fewer than k women, secondary suppression so that no
 * subtraction recovers them ({@link SecondarySuppression}), and statistics only over at least k.
 * Works on all tables at once because protection has to hold across tables that share totals.
 */
public final class DisclosureControl {

    private final SuppressionRule rule;

    public DisclosureControl(SuppressionRule rule) {
        this.rule = rule;
    }

    /** What was published, per table, with the cells sorted by key. */
    public record Release(Map<TableSpec, List<PublishedCell>> tables) {

        public long suppressed(TableSpec table, PublishedCell.Suppression kind) {
            return tables.getOrDefault(table, List.of()).stream()
                    .filter(c -> c.suppression() == kind)
                    .count();
        }
    }

    public Release apply(List<OutcomeCell> cells) {
        List<SecondarySuppression.Cell> plan = new ArrayList<>();
        for (OutcomeCell cell : cells) {
            TableSpec spec = Tables.byName(cell.table)
                    .orElseThrow(() -> new IllegalArgumentException("not a published table: " + cell.table));
            long women = cell.counts[spec.counts().indexOf(spec.column("cases"))];
            plan.add(new SecondarySuppression.Cell(
                    spec,
                    cell.key,
                    women,
                    rule.tooFew(women) ? PublishedCell.Suppression.PRIMARY : PublishedCell.Suppression.NONE));
        }
        new SecondarySuppression(rule).complete(plan);

        Map<TableSpec, List<PublishedCell>> tables = new LinkedHashMap<>();
        for (TableSpec spec : Tables.SUPPRESSED) {
            tables.put(spec, new ArrayList<>());
        }
        for (int i = 0; i < cells.size(); i++) {
            SecondarySuppression.Cell decided = plan.get(i);
            tables.get(decided.table).add(publish(decided.table, cells.get(i), decided.suppression));
        }
        for (List<PublishedCell> table : tables.values()) {
            table.sort(Comparator.comparing(PublishedCell::sortKey));
        }
        return new Release(tables);
    }

    private PublishedCell publish(TableSpec spec, OutcomeCell cell, PublishedCell.Suppression suppression) {
        if (suppression != PublishedCell.Suppression.NONE) {
            return new PublishedCell(
                    cell.table,
                    cell.key,
                    new Long[cell.counts.length],
                    new Double[spec.statistics().size()],
                    suppression);
        }
        Long[] counts = new Long[cell.counts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cell.counts[i];
        }
        List<Column> statistics = spec.statistics();
        Double[] values = new Double[statistics.size()];
        for (int i = 0; i < statistics.size(); i++) {
            Column statistic = statistics.get(i);
            if (statistic.isMedian()) {
                int m = spec.medians().indexOf(statistic);
                values[i] = rule.tooFew(cell.samples[m].length) ? null : cell.median(m);
            } else {
                long numerator = cell.counts[spec.counts().indexOf(spec.column(statistic.numerator()))];
                long denominator = cell.counts[spec.counts().indexOf(spec.column(statistic.denominator()))];
                values[i] = rule.tooFew(denominator) ? null : (double) numerator / denominator;
            }
        }
        return new PublishedCell(cell.table, cell.key, counts, values, PublishedCell.Suppression.NONE);
    }
}
