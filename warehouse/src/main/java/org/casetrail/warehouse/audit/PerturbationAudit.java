package org.casetrail.warehouse.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;

/**
 * The rules of a release under cell key perturbation, checked on what it holds (docs/releases.md,
 * "The audit"): no published row under k and nothing shown in a withheld one; every published count
 * within the perturbation table's bound of its true value, never negative, a true 0 left at 0, and
 * equal to what the table gives at its cell key; the same women and column (the same true value
 * and cell key) published as the same value everywhere, in this release and the previous public
 * one; rates equal to the ratio of their published counts; medians only over at least k and
 * rounded to 5 days. Written apart from the code that perturbs, so one mistake cannot hide in both.
 */
public final class PerturbationAudit implements ProtectionAudit {

    private static final double RATE_TOLERANCE = 1e-9;

    private final int k;
    private final PerturbationTable ptable;

    public PerturbationAudit(int k, PerturbationTable ptable) {
        this.k = k;
        this.ptable = ptable;
    }

    @Override
    public List<String> check(List<AuditedCell> cells, Supplier<List<AuditedCell>> previousPublic) {
        return check(cells, previousPublic.get());
    }

    /**
     * @param cells    the release's rows, published and true
     * @param previous the rows of the current public release, if it still has its exact copy; else empty
     */
    public List<String> check(List<AuditedCell> cells, List<AuditedCell> previous) {
        List<String> failures = new ArrayList<>();
        for (AuditedCell cell : cells) {
            checkRow(cell, failures);
        }
        // What was published for each (column, true value, cell key): the same women and column.
        Map<String, Object> valueOf = new HashMap<>();
        // Where each was first seen, described only when a failure needs it: a description is a
        // string built for every count of every cell.
        Map<String, Seen> whereSeen = new HashMap<>();
        for (List<AuditedCell> release : List.of(previous, cells)) {
            String origin = release == previous ? " of the previous public release" : "";
            for (AuditedCell cell : release) {
                if (cell.suppressed()) {
                    continue;
                }
                for (Column c : cell.table().counts()) {
                    Integer cellKey = cell.cellKeys().get(c.name());
                    Object value = cell.published().get(c.name());
                    if (cellKey == null || value == null) {
                        continue;
                    }
                    String women = c.name() + "/" + cell.trueCounts().get(c.name()) + "/" + cellKey;
                    Object before = valueOf.putIfAbsent(women, value);
                    Seen first = whereSeen.putIfAbsent(women, new Seen(cell, origin));
                    if (before != null && !before.equals(value)) {
                        failures.add("two different published values for the same women and column " + c.name() + ": "
                                + first.cell().describe() + first.origin() + " and " + cell.describe() + origin);
                    }
                }
            }
        }
        return failures;
    }

    private record Seen(AuditedCell cell, String origin) {}

    private void checkRow(AuditedCell cell, List<String> failures) {
        TableSpec table = cell.table();
        if (cell.trueWomen() < k && !cell.suppressed()) {
            failures.add(cell.describe() + " describes fewer than k=" + k + " women but is published");
        }
        for (Column c : table.columns()) {
            Object value = cell.published().get(c.name());
            if (cell.suppressed()) {
                if (value != null && (c.kind() == Column.Kind.COUNT || c.kind() == Column.Kind.STATISTIC)) {
                    failures.add(cell.describe() + " is withheld but shows " + c.name());
                }
                continue;
            }
            if (c.kind() == Column.Kind.COUNT) {
                checkCount(cell, c, (Long) value, failures);
            } else if (c.kind() == Column.Kind.STATISTIC && value != null) {
                checkStatistic(cell, c, (Double) value, failures);
            }
        }
    }

    private void checkCount(AuditedCell cell, Column c, Long published, List<String> failures) {
        long truth = cell.trueCounts().get(c.name());
        if (published == null) {
            failures.add(cell.describe() + " is published without its " + c.name());
            return;
        }
        if (Math.abs(published - truth) > ptable.bound() || published < 0 || (truth == 0 && published != 0)) {
            failures.add(cell.describe() + " publishes a " + c.name() + " outside the bound of " + ptable.version()
                    + " (at most " + ptable.bound() + " from its true value, never negative, 0 kept at 0)");
            return;
        }
        Integer cellKey = cell.cellKeys().get(c.name());
        if (cellKey == null || published != ptable.perturb(truth, cellKey)) {
            failures.add(cell.describe() + " publishes a " + c.name() + " that is not what " + ptable.version()
                    + " gives at its cell key");
        }
    }

    private void checkStatistic(AuditedCell cell, Column c, double value, List<String> failures) {
        if (c.isMedian()) {
            if (cell.trueCounts().get(c.denominator()) < k) {
                failures.add(cell.describe() + " publishes " + c.name() + " over fewer than k=" + k);
            }
            if (value % 5 != 0) {
                failures.add(cell.describe() + " publishes " + c.name() + " not rounded to 5 days");
            }
            return;
        }
        Long numerator = (Long) cell.published().get(c.numerator());
        Long denominator = (Long) cell.published().get(c.denominator());
        if (numerator == null
                || denominator == null
                || denominator == 0
                || Math.abs(value - (double) numerator / denominator) > RATE_TOLERANCE) {
            failures.add(cell.describe() + " publishes a " + c.name() + " that is not the ratio of its published "
                    + c.numerator() + " and " + c.denominator());
        }
    }
}
