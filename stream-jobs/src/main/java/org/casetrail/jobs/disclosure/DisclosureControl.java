package org.casetrail.jobs.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Turns the cells of every published table into what may be published under a {@link SuppressionRule}:
 * primary suppression of cells with fewer than k women, secondary suppression so that no
 * subtraction recovers them ({@link SecondarySuppression}), and statistics only over at least k.
 * Works on all tables at once because protection has to hold across tables that share totals.
 */
public final class DisclosureControl implements ProtectionMethod {

    private final SuppressionRule rule;
    private final CellStatistics statistics;

    public DisclosureControl(SuppressionRule rule) {
        this.rule = rule;
        // Exact counts: a rate or median over fewer than k women would tell too much about them.
        this.statistics = new CellStatistics(rule.k(), rule.k(), 0);
    }

    /** Only the tables' own cells: suppression publishes no rollup rows, so its exact copy holds none either. */
    @Override
    public List<OutcomeCell> rows(List<OutcomeCell> cells) {
        return cells.stream()
                .filter(c -> !Tables.byName(c.table).orElseThrow().isRollup(c.key))
                .toList();
    }

    /** What was published, per table, with the cells sorted by key. */
    public record Release(Map<TableSpec, List<PublishedCell>> tables) {

        public long suppressed(TableSpec table, PublishedCell.Suppression kind) {
            return tables.getOrDefault(table, List.of()).stream()
                    .filter(c -> c.suppression() == kind)
                    .count();
        }
    }

    @Override
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
        Double[] values = statistics.of(spec, cell, cell.counts);
        return new PublishedCell(cell.table, cell.key, counts, values, PublishedCell.Suppression.NONE);
    }
}
