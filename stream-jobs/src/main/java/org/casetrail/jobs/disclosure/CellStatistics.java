package org.casetrail.jobs.disclosure;

import java.util.List;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;

/**
 * The rates and medians of a row, from the counts it shows: the one rule every protection method
 * and the exact tables share. A rate is its numerator over its denominator, both as shown (so a
 * published rate agrees with the published counts), and null when the denominator is under the
 * method's minimum; a median is taken over the row's durations, null when they are fewer than the
 * minimum, and rounded to the method's step.
 *
 * @param minDenominator a rate needs at least this denominator (at least 1: no division by zero)
 * @param minMedianValues a median needs at least this many durations
 * @param medianStepDays medians are published to the nearest this many days; 0 keeps them exact
 */
public record CellStatistics(long minDenominator, long minMedianValues, int medianStepDays) {

    /** The exact tables: every rate with a denominator, every median there is. */
    public static final CellStatistics EXACT = new CellStatistics(1, 1, 0);

    public CellStatistics {
        minDenominator = Math.max(1, minDenominator);
    }

    /**
     * @param counts the row's counts as shown, in the table's count order
     * @return the row's statistics in the table's statistic order
     */
    public Double[] of(TableSpec spec, OutcomeCell cell, long[] counts) {
        List<Column> statistics = spec.statistics();
        List<Column> countColumns = spec.counts();
        Double[] values = new Double[statistics.size()];
        for (int i = 0; i < values.length; i++) {
            Column statistic = statistics.get(i);
            if (statistic.isMedian()) {
                int m = spec.medians().indexOf(statistic);
                values[i] = cell.samples[m].length < minMedianValues ? null : rounded(cell.median(m));
            } else {
                long denominator = counts[countColumns.indexOf(spec.column(statistic.denominator()))];
                long numerator = counts[countColumns.indexOf(spec.column(statistic.numerator()))];
                values[i] = denominator < minDenominator ? null : (double) numerator / denominator;
            }
        }
        return values;
    }

    private Double rounded(Double median) {
        return median == null ? null : roundedMedian(median);
    }

    /** A median as published: to the nearest step. */
    public double roundedMedian(double median) {
        return medianStepDays == 0 ? median : medianStepDays * (double) Math.round(median / medianStepDays);
    }
}
