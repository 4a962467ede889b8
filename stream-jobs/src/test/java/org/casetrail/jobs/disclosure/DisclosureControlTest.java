package org.casetrail.jobs.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    private static OutcomeCell referral(int year, String source, String type, Boolean minor, int women) {
        CellContribution sum = CellContribution.to(Tables.REFERRAL_SOURCES, year, source, type, minor)
                .count("cases", women)
                .build();
        return OutcomeCell.of(sum);
    }

    private static Map<String, PublishedCell.Suppression> decide(int k, OutcomeCell... cells) {
        DisclosureControl.Release release = new DisclosureControl(new SuppressionRule(k)).apply(List.of(cells));
        return release.tables().get(Tables.REFERRAL_SOURCES).stream()
                .collect(Collectors.toMap(
                        c -> String.join("/", c.key()[1], c.key()[2], String.valueOf(c.key()[3])),
                        PublishedCell::suppression));
    }

    @Test
    void aCellOfFewerThanKWomenIsSuppressedWithAllItsValues() {
        DisclosureControl.Release release = new DisclosureControl(new SuppressionRule(10))
                .apply(List.of(referral(2010, "POLICE_OPERATION", "SEXUAL", false, 40)));
        PublishedCell only = release.tables().get(Tables.REFERRAL_SOURCES).get(0);
        assertThat(only.suppressed()).isFalse();
        assertThat(only.counts()).containsExactly(40L);

        release = new DisclosureControl(new SuppressionRule(10))
                .apply(List.of(referral(2010, "POLICE_OPERATION", "SEXUAL", false, 9)));
        only = release.tables().get(Tables.REFERRAL_SOURCES).get(0);
        assertThat(only.suppression()).isEqualTo(PublishedCell.Suppression.PRIMARY);
        assertThat(only.counts()).containsOnlyNulls();
    }

    @Test
    void aLoneSmallCellTakesTheSmallestNeighbourWithIt() {
        // Year 2010, sexual exploitation, adults: police 40, outreach 12, hotline 3.
        Map<String, PublishedCell.Suppression> decided = decide(
                10,
                referral(2010, "POLICE_OPERATION", "SEXUAL", false, 40),
                referral(2010, "OUTREACH", "SEXUAL", false, 12),
                referral(2010, "HOTLINE", "SEXUAL", false, 3));
        assertThat(decided)
                .containsEntry("HOTLINE/SEXUAL/false", PublishedCell.Suppression.PRIMARY)
                .containsEntry("OUTREACH/SEXUAL/false", PublishedCell.Suppression.SECONDARY)
                .containsEntry("POLICE_OPERATION/SEXUAL/false", PublishedCell.Suppression.NONE);
    }

    @Test
    void twoSmallCellsThatTogetherStayUnderKTakeAThird() {
        Map<String, PublishedCell.Suppression> decided = decide(
                10,
                referral(2010, "POLICE_OPERATION", "SEXUAL", false, 40),
                referral(2010, "OUTREACH", "SEXUAL", false, 12),
                referral(2010, "HOTLINE", "SEXUAL", false, 3),
                referral(2010, "FAMILY", "SEXUAL", false, 2));
        assertThat(decided.values().stream().filter(s -> s != PublishedCell.Suppression.NONE))
                .hasSize(3);
        assertThat(decided)
                .containsEntry("OUTREACH/SEXUAL/false", PublishedCell.Suppression.SECONDARY)
                .containsEntry("POLICE_OPERATION/SEXUAL/false", PublishedCell.Suppression.NONE);
    }

    @Test
    void aTotalThatAnotherTableRevealsCannotUncoverASuppressedCell() {
        List<OutcomeCell> cells = new ArrayList<>();
        // cohort_outcomes shows 2010 / sexual / adults in full: 30 + 25 = 55 women.
        cells.add(OutcomeCell.of(CellContribution.to(Tables.COHORT_OUTCOMES, 2010, "TOM_DY", "AGE_18_24", "SEXUAL")
                .count("cases", 30)
                .build()));
        cells.add(OutcomeCell.of(CellContribution.to(Tables.COHORT_OUTCOMES, 2010, "TOM_DY", "AGE_25_34", "SEXUAL")
                .count("cases", 25)
                .build()));
        // referral_sources splits the same 55 women: 52 police, 3 outreach (year 2011 keeps the groups apart).
        cells.add(referral(2010, "POLICE_OPERATION", "SEXUAL", false, 52));
        cells.add(referral(2010, "OUTREACH", "SEXUAL", false, 3));
        DisclosureControl.Release release = new DisclosureControl(new SuppressionRule(10)).apply(cells);

        long suppressedReferral = release.suppressed(Tables.REFERRAL_SOURCES, PublishedCell.Suppression.PRIMARY)
                + release.suppressed(Tables.REFERRAL_SOURCES, PublishedCell.Suppression.SECONDARY);
        // Within referral_sources the police cell must go too; and then 55 - 0 visible = 55 is no secret.
        assertThat(suppressedReferral).isEqualTo(2);
    }

    @Test
    void statisticsNeedAtLeastKWomenBehindThem() {
        CellContribution sum = CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "SEWING")
                .count("cases", 12)
                .count("completed", 9)
                .count("dropped", 3)
                .build();
        for (long days : new long[] {100, 120, 90, 80, 130, 140, 95, 99, 101}) {
            sum = CellContribution.merge(
                    sum,
                    CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "SEWING")
                            .sample("median_course_days", days)
                            .build());
        }
        PublishedCell cell = new DisclosureControl(new SuppressionRule(10))
                .apply(List.of(OutcomeCell.of(sum)))
                .tables()
                .get(Tables.TRAINING_OUTCOMES)
                .get(0);
        assertThat(cell.suppressed()).isFalse();
        assertThat(cell.statistics()[0]).as("completion rate over 12 women").isEqualTo(0.75);
        assertThat(cell.statistics()[1]).as("median over 9 completions").isNull();

        PublishedCell k9 = new DisclosureControl(new SuppressionRule(9))
                .apply(List.of(OutcomeCell.of(sum)))
                .tables()
                .get(Tables.TRAINING_OUTCOMES)
                .get(0);
        assertThat(k9.statistics()[1]).isEqualTo(100.0);
    }
}
