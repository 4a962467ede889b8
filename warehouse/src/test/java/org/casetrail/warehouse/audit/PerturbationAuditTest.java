package org.casetrail.warehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

/** The audit of a perturbed release catches each way a published row can break the rules. */
class PerturbationAuditTest {

    private static final PerturbationTable PTABLE = PerturbationTable.current();
    private final PerturbationAudit audit = new PerturbationAudit(10, PTABLE);

    /** A followup_status row of {@code women} women with cell key {@code cellKey}, published as the ptable says. */
    private static AuditedCell row(String status, long women, int cellKey) {
        return row(
                Tables.FOLLOWUP_STATUS,
                Map.of("reintegration_year", "2010", "checkpoint_months", "12", "status", status),
                women,
                cellKey,
                PTABLE.perturb(women, cellKey));
    }

    private static AuditedCell row(TableSpec table, Map<String, String> key, long women, int cellKey, Long published) {
        boolean withheld = published == null;
        Map<String, Object> shown = new LinkedHashMap<>();
        Map<String, Long> truth = new LinkedHashMap<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        // Every other count of the row is a true 0, published as 0.
        for (Column c : table.counts()) {
            shown.put(c.name(), withheld ? null : 0L);
            truth.put(c.name(), 0L);
            keys.put(c.name(), 0);
        }
        shown.put("cases", published);
        truth.put("cases", women);
        keys.put("cases", cellKey);
        return new AuditedCell(table, new LinkedHashMap<>(key), withheld, shown, truth, keys);
    }

    @Test
    void aCorrectReleasePasses() {
        List<AuditedCell> cells = List.of(
                row("STABLE", 25, 100),
                row("ALL", 40, 1234),
                row("AT_RISK", 15, 4000),
                row(
                        Tables.FOLLOWUP_STATUS,
                        Map.of("reintegration_year", "2010", "checkpoint_months", "12", "status", "RE_TRAFFICKED"),
                        3,
                        77,
                        null));
        assertThat(audit.check(cells, List.of())).isEmpty();
    }

    @Test
    void catchesACountPushedOutsideTheBound() {
        AuditedCell pushed = row(
                Tables.FOLLOWUP_STATUS,
                Map.of("reintegration_year", "2010", "checkpoint_months", "12", "status", "STABLE"),
                25,
                100,
                28L);
        assertThat(audit.check(List.of(pushed), List.of()))
                .singleElement()
                .asString()
                .contains("followup_status cell (")
                .contains("status=STABLE")
                .contains("outside the bound of ptable-v1")
                .doesNotContain("25")
                .doesNotContain("28");
    }

    @Test
    void catchesACountWithinTheBoundButNotTheNoiseOfItsCellKey() {
        long honest = PTABLE.perturb(25, 100);
        long other = honest == 25 ? 26 : 25;
        AuditedCell wrong = row(
                Tables.FOLLOWUP_STATUS,
                Map.of("reintegration_year", "2010", "checkpoint_months", "12", "status", "STABLE"),
                25,
                100,
                other);
        assertThat(audit.check(List.of(wrong), List.of()))
                .singleElement()
                .asString()
                .contains("not what ptable-v1 gives at its cell key");
    }

    @Test
    void catchesAPublishedRowUnderK() {
        AuditedCell small = row("RE_TRAFFICKED", 4, 321);
        assertThat(audit.check(List.of(small), List.of()))
                .singleElement()
                .asString()
                .contains("status=RE_TRAFFICKED")
                .contains("fewer than k=10 women but is published");
    }

    @Test
    void catchesAWithheldRowThatShowsACount() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("cases", 4L);
        AuditedCell leaky = new AuditedCell(
                Tables.FOLLOWUP_STATUS,
                new LinkedHashMap<>(
                        Map.of("reintegration_year", "2010", "checkpoint_months", "12", "status", "AT_RISK")),
                true,
                shown,
                Map.of("cases", 4L),
                Map.of("cases", 5));
        assertThat(audit.check(List.of(leaky), List.of()))
                .singleElement()
                .asString()
                .contains("is withheld but shows cases");
    }

    @Test
    void catchesTwoPublishedValuesForTheSameWomenAndColumnInOneReleaseOrAcrossTwo() {
        AuditedCell inCohort = row(
                Tables.COHORT_OUTCOMES,
                Map.of("identification_year", "2010", "centre", "ALL", "age_band", "ALL", "exploitation_type", "ALL"),
                40,
                1234,
                PTABLE.perturb(40, 1234));
        AuditedCell inReferral = row(
                Tables.REFERRAL_SOURCES,
                Map.of(
                        "identification_year",
                        "2010",
                        "referral_source",
                        "ALL",
                        "exploitation_type",
                        "ALL",
                        "minor",
                        "ALL"),
                40,
                1234,
                PTABLE.perturb(40, 1234) + 1);
        List<String> failures = audit.check(List.of(inCohort, inReferral), List.of());
        assertThat(failures)
                .anySatisfy(f -> assertThat(f)
                        .contains("two different published values for the same women and column cases")
                        .contains("cohort_outcomes cell (")
                        .contains("referral_sources cell ("));

        AuditedCell earlier = row(
                Tables.COHORT_OUTCOMES,
                Map.of("identification_year", "2010", "centre", "ALL", "age_band", "ALL", "exploitation_type", "ALL"),
                40,
                1234,
                PTABLE.perturb(40, 1234) - 1);
        assertThat(audit.check(List.of(inCohort), List.of(earlier)))
                .anySatisfy(f -> assertThat(f)
                        .contains("two different published values")
                        .contains("of the previous public release"));
    }

    @Test
    void catchesARateThatIsNotTheRatioOfItsPublishedCounts() {
        TableSpec spec = Tables.TRAINING_OUTCOMES;
        Map<String, Object> shown = new LinkedHashMap<>();
        Map<String, Long> truth = new LinkedHashMap<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        int key = 50;
        for (Column c : spec.counts()) {
            long value = c.name().equals("cases") ? 30 : c.name().equals("completed") ? 12 : 0;
            truth.put(c.name(), value);
            keys.put(c.name(), key);
            shown.put(c.name(), PTABLE.perturb(value, key));
            key += 700;
        }
        shown.put("completion_rate", 12.0 / 30);
        shown.put("median_course_days", null);
        AuditedCell cell = new AuditedCell(
                spec,
                new LinkedHashMap<>(Map.of("enrolment_year", "2010", "course", "SEWING")),
                false,
                shown,
                truth,
                keys);
        boolean exact = shown.get("cases").equals(30L) && shown.get("completed").equals(12L);
        List<String> failures = new ArrayList<>(audit.check(List.of(cell), List.of()));
        if (exact) {
            assertThat(failures).isEmpty();
        } else {
            assertThat(failures)
                    .singleElement()
                    .asString()
                    .contains("completion_rate that is not the ratio of its published");
        }
    }
}
