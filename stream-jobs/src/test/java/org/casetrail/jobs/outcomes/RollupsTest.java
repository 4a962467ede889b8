package org.casetrail.jobs.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

class RollupsTest {

    private static Map<String, CellContribution> byId(List<CellContribution> rows) {
        return rows.stream().collect(Collectors.toMap(r -> String.join("/", r.key), r -> r));
    }

    @Test
    void aWomanInTwoCoursesOfAYearCountsOnceInTheirTotal() {
        List<CellContribution> rows = Rollups.expand(List.of(
                CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "SEWING")
                        .count("cases", 1)
                        .count("completed", 1)
                        .sample("median_course_days", 40L)
                        .build(),
                CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "ENGLISH")
                        .count("cases", 1)
                        .count("dropped", 1)
                        .build()));
        Map<String, CellContribution> rowsByKey = byId(rows);
        assertThat(rowsByKey).containsOnlyKeys("2010/SEWING", "2010/ENGLISH", "2010/ALL");
        CellContribution total = rowsByKey.get("2010/ALL");
        assertThat(total.counts).containsExactly(1, 1, 1, 0);
        assertThat(total.samples[0]).containsExactly(40);
    }

    @Test
    void thingsAddUpInARollupAndWomenDoNot() {
        List<CellContribution> rows = Rollups.expand(List.of(
                CellContribution.to(Tables.LEGAL_OUTCOMES, 2011, "TRAFFICKING")
                        .count("cases", 1)
                        .count("legal_cases", 2)
                        .count("convictions", 1)
                        .count("pending", 1)
                        .build(),
                CellContribution.to(Tables.LEGAL_OUTCOMES, 2011, "RAPE")
                        .count("cases", 1)
                        .count("legal_cases", 1)
                        .count("convictions", 1)
                        .build()));
        CellContribution total = byId(rows).get("2011/ALL");
        List<String> counts =
                Tables.LEGAL_OUTCOMES.counts().stream().map(c -> c.name()).toList();
        assertThat(total.counts[counts.indexOf("cases")]).isEqualTo(1);
        assertThat(total.counts[counts.indexOf("legal_cases")]).isEqualTo(3);
        assertThat(total.counts[counts.indexOf("convictions")]).isEqualTo(2);
        assertThat(total.counts[counts.indexOf("pending")]).isEqualTo(1);
    }

    @Test
    void everyCombinationOfDimensionsIsARowAndTimeKeysNeverRollUp() {
        List<CellContribution> rows = Rollups.expand(List.of(
                CellContribution.to(Tables.COHORT_OUTCOMES, 2010, "TOM_DY", "AGE_18_24", "SEXUAL")
                        .count("cases", 1)
                        .build(),
                CellContribution.to(Tables.FOLLOWUP_STATUS, 2011, 12, "STABLE")
                        .count("cases", 1)
                        .build()));
        assertThat(rows.stream().filter(r -> r.table.equals("cohort_outcomes")).map(r -> String.join("/", r.key)))
                .hasSize(8)
                .allSatisfy(k -> assertThat(k).startsWith("2010/"))
                .contains("2010/ALL/ALL/ALL", "2010/TOM_DY/ALL/SEXUAL");
        assertThat(rows.stream().filter(r -> r.table.equals("followup_status")).map(r -> String.join("/", r.key)))
                .containsExactlyInAnyOrder("2011/12/STABLE", "2011/12/ALL");
    }

    @Test
    void aWomansRecordKeyStandsBehindEveryCountSheIsIn() {
        CellContribution row = CellContribution.to(Tables.COHORT_OUTCOMES, 2010, "TOM_DY", "AGE_18_24", "SEXUAL")
                .count("cases", 1)
                .count("reintegrated", 1)
                .build()
                .ofWoman(1234);
        List<String> counts =
                Tables.COHORT_OUTCOMES.counts().stream().map(c -> c.name()).toList();
        assertThat(row.keySums[counts.indexOf("cases")]).isEqualTo(1234);
        assertThat(row.keySums[counts.indexOf("reintegrated")]).isEqualTo(1234);
        assertThat(row.keySums[counts.indexOf("retrafficked_24m")]).isZero();
    }
}
