package org.casetrail.jobs.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Cell key perturbation (docs/protection.md, "perturbation (the default)"): a row describing
 * fewer than k women is withheld; every other count is published with the noise its true value
 * and cell key draw from the perturbation table; rates are the ratio of the published counts, so
 * they agree with what a reader sees; medians need at least k values and are rounded to 5 days.
 * Nothing else is withheld: subtracting two noisy counts gives a noisy answer, not a woman.
 */
public final class CellKeyPerturbation implements ProtectionMethod {

    /** Medians are published to the nearest this many days. */
    public static final int MEDIAN_ROUNDING_DAYS = 5;

    private final SuppressionRule rule;
    private final PerturbationTable ptable;
    private final CellStatistics statistics;

    public CellKeyPerturbation(SuppressionRule rule, PerturbationTable ptable) {
        this.rule = rule;
        this.ptable = ptable;
        // Rates over the published counts, so they agree with what a reader sees; medians over k or more, rounded.
        this.statistics = new CellStatistics(1, rule.k(), MEDIAN_ROUNDING_DAYS);
    }

    /** Every cell gets a row, rollups included. */
    @Override
    public List<OutcomeCell> rows(List<OutcomeCell> cells) {
        return cells;
    }

    @Override
    public DisclosureControl.Release apply(List<OutcomeCell> cells) {
        Map<TableSpec, List<PublishedCell>> tables = new LinkedHashMap<>();
        for (TableSpec spec : Tables.SUPPRESSED) {
            tables.put(spec, new ArrayList<>());
        }
        for (OutcomeCell cell : cells) {
            TableSpec spec = Tables.byName(cell.table)
                    .orElseThrow(() -> new IllegalArgumentException("not a published table: " + cell.table));
            tables.get(spec).add(publish(spec, cell));
        }
        for (List<PublishedCell> table : tables.values()) {
            table.sort(Comparator.comparing(PublishedCell::sortKey));
        }
        return new DisclosureControl.Release(tables);
    }

    PublishedCell publish(TableSpec spec, OutcomeCell cell) {
        List<Column> counts = spec.counts();
        if (rule.tooFew(cell.counts[counts.indexOf(spec.column("cases"))])) {
            return new PublishedCell(
                    cell.table,
                    cell.key,
                    new Long[counts.size()],
                    new Double[spec.statistics().size()],
                    PublishedCell.Suppression.PRIMARY);
        }
        long[] perturbed = new long[counts.size()];
        Long[] published = new Long[counts.size()];
        for (int i = 0; i < published.length; i++) {
            perturbed[i] =
                    ptable.perturb(cell.counts[i], cell.cellKey(i, counts.get(i).name()));
            published[i] = perturbed[i];
        }
        Double[] values = statistics.of(spec, cell, perturbed);
        return new PublishedCell(cell.table, cell.key, published, values, PublishedCell.Suppression.NONE);
    }

    public static double roundedMedian(double median) {
        return new CellStatistics(1, 1, MEDIAN_ROUNDING_DAYS).roundedMedian(median);
    }
}
