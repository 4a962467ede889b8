package org.casetrail.jobs.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

class CellKeyPerturbationTest {

    private final PerturbationTable ptable = PerturbationTable.current();
    private final CellKeyPerturbation perturbation = new CellKeyPerturbation(new SuppressionRule(10), ptable);

    /** n women enrolled in sewing in 2010, the first {@code completed} of them completing it in 30 + i days. */
    private static OutcomeCell sewing(int n, int completed) {
        CellContribution sum = null;
        for (int i = 0; i < n; i++) {
            CellContribution one = CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "SEWING")
                    .count("cases", 1)
                    .countIf("completed", i < completed)
                    .countIf("dropped", i >= completed)
                    .sample("median_course_days", i < completed ? 30L + i : null)
                    .build()
                    .ofWoman(100 + 37 * i);
            sum = sum == null ? one : CellContribution.merge(sum, one);
        }
        return OutcomeCell.of(sum);
    }

    @Test
    void aRowUnderKIsWithheldWhole() {
        PublishedCell row = perturbation.publish(Tables.TRAINING_OUTCOMES, sewing(9, 5));
        assertThat(row.suppressed()).isTrue();
        assertThat(row.counts()).containsOnlyNulls();
        assertThat(row.statistics()).containsOnlyNulls();
    }

    @Test
    void countsCarryTheNoiseTheTableGivesAtTheirCellKey() {
        OutcomeCell cell = sewing(25, 12);
        PublishedCell row = perturbation.publish(Tables.TRAINING_OUTCOMES, cell);
        assertThat(row.suppressed()).isFalse();
        List<String> counts =
                Tables.TRAINING_OUTCOMES.counts().stream().map(c -> c.name()).toList();
        for (int i = 0; i < counts.size(); i++) {
            assertThat(row.counts()[i])
                    .as(counts.get(i))
                    .isEqualTo(cell.counts[i] + ptable.noise(cell.counts[i], cell.cellKey(i, counts.get(i))));
        }
        assertThat(row.counts()[counts.indexOf("working_6m")])
                .as("a true 0 stays 0")
                .isZero();
    }

    @Test
    void ratesAreRatiosOfThePublishedCountsAndMediansAreRoundedToFiveDaysOverAtLeastK() {
        PublishedCell row = perturbation.publish(Tables.TRAINING_OUTCOMES, sewing(25, 12));
        Long cases = row.counts()[0];
        Long completed = row.counts()[1];
        assertThat(row.statistics()[0]).isEqualTo((double) completed / cases);
        // Completion days 30..41: median 35.5, published as 35.
        assertThat(row.statistics()[1]).isEqualTo(35.0);
        assertThat(perturbation.publish(Tables.TRAINING_OUTCOMES, sewing(25, 9)).statistics()[1])
                .as("a median over fewer than k women")
                .isNull();
    }

    @Test
    void mediansRoundHalfUpToTheNearestFiveDays() {
        assertThat(CellKeyPerturbation.roundedMedian(37.4)).isEqualTo(35.0);
        assertThat(CellKeyPerturbation.roundedMedian(37.5)).isEqualTo(40.0);
        assertThat(CellKeyPerturbation.roundedMedian(2.0)).isEqualTo(0.0);
    }
}
