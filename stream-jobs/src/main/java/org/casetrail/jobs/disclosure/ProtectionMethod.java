package org.casetrail.jobs.disclosure;

import java.util.List;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.DisclosureSettings;

/**
 * What a protection method does to a release's tables: which rows it publishes, and what it
 * publishes in each (withheld, noisy or exact counts; rates and medians by {@link CellStatistics}).
 * {@link #of} is the one place a release's settings pick the method; the warehouse's audit has its
 * own counterpart, so that the rules are checked by code written apart from the code that applies them.
 */
public interface ProtectionMethod {

    /** The cells that get a row, published and exact alike (suppression publishes no rollup rows). */
    List<OutcomeCell> rows(List<OutcomeCell> cells);

    /** The published value of every row, per table, sorted by key. */
    DisclosureControl.Release apply(List<OutcomeCell> rows);

    static ProtectionMethod of(DisclosureSettings settings) {
        SuppressionRule rule = new SuppressionRule(settings.k());
        return switch (settings.protection()) {
            case PERTURBATION -> new CellKeyPerturbation(rule, PerturbationTable.load(settings.ptableVersion()));
            case SUPPRESSION -> new DisclosureControl(rule);
        };
    }
}
