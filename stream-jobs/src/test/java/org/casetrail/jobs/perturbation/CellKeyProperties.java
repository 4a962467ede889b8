package org.casetrail.jobs.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.casetrail.jobs.disclosure.CellKeyPerturbation;
import org.casetrail.jobs.disclosure.PublishedCell;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.jobs.outcomes.Rollups;
import org.casetrail.schemas.perturbation.CellKey;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * The cell key method's promise: the same women in the same column get the same published value,
 * whatever the order their events arrive in, in whichever table, rollup level or release they are
 * counted; and one woman more or less always changes the cell key.
 */
class CellKeyProperties {

    private static final int K = 3;
    private final PerturbationTable ptable = PerturbationTable.current();

    /** A published row's values, comparable by value. */
    record Published(List<Long> counts, List<Double> statistics, boolean suppressed) {
        static Published of(PublishedCell cell) {
            return new Published(
                    java.util.Arrays.asList(cell.counts()),
                    java.util.Arrays.asList(cell.statistics()),
                    cell.suppressed());
        }
    }

    /** One woman as the two tables that share her identification see her. */
    record Woman(
            int recordKey,
            int year,
            String centre,
            String ageBand,
            String exploitation,
            String referral,
            String minor,
            boolean reintegrated) {}

    @Provide
    Arbitrary<List<Woman>> women() {
        Arbitrary<Woman> woman = Combinators.combine(
                        Arbitraries.integers().between(1, CellKey.RANGE - 1),
                        Arbitraries.integers().between(2009, 2010),
                        Arbitraries.of("TOM_DY", "SIEM_REAP"),
                        Arbitraries.of("AGE_15_17", "AGE_18_24", "AGE_25_34"),
                        Arbitraries.of("SEXUAL", "LABOUR"),
                        Arbitraries.of("POLICE_OPERATION", "OUTREACH", "HOTLINE"),
                        Arbitraries.of(true, false))
                .as((rk, y, c, a, e, r, re) ->
                        new Woman(rk, y, c, a, e, r, a.equals("AGE_15_17") ? "MINOR" : "ADULT", re));
        return woman.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 200)
    void sameWomenAndColumnHaveTheSamePublishedValueInAnyOrderTableAndRollupLevel(
            @ForAll("women") List<Woman> women, @ForAll long shuffleSeed) {
        Map<String, Published> first = release(women);
        List<Woman> shuffled = new ArrayList<>(women);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        Map<String, Published> again = release(shuffled);
        assertThat(again).as("the same women in another order of arrival").isEqualTo(first);

        for (int year : new int[] {2009, 2010}) {
            Published cohortTotal = first.get("cohort_outcomes/" + year + "/ALL/ALL/ALL");
            Published referralTotal = first.get("referral_sources/" + year + "/ALL/ALL/ALL");
            if (cohortTotal == null || cohortTotal.suppressed()) {
                continue;
            }
            assertThat(referralTotal.counts().get(0))
                    .as("two tables, the same women of %d", year)
                    .isEqualTo(cohortTotal.counts().get(0));
            List<Woman> ofYear = women.stream().filter(w -> w.year() == year).toList();
            String centre = ofYear.get(0).centre();
            if (ofYear.stream().allMatch(w -> w.centre().equals(centre))) {
                assertThat(first.get("cohort_outcomes/" + year + "/" + centre + "/ALL/ALL")
                                .counts()
                                .get(0))
                        .as("two rollup levels holding the same women")
                        .isEqualTo(cohortTotal.counts().get(0));
            }
        }
    }

    @Property(tries = 200)
    void aSecondReleaseWithOtherWomenElsewhereLeavesEveryUnchangedRowIdentical(
            @ForAll("women") List<Woman> women, @ForAll("women") List<Woman> later) {
        List<Woman> of2009 = women.stream().filter(w -> w.year() == 2009).toList();
        List<Woman> next = new ArrayList<>(of2009);
        next.addAll(later.stream()
                .map(w -> new Woman(
                        w.recordKey(),
                        2011,
                        w.centre(),
                        w.ageBand(),
                        w.exploitation(),
                        w.referral(),
                        w.minor(),
                        w.reintegrated()))
                .toList());
        Map<String, Published> before = release(of2009);
        Map<String, Published> after = release(next);
        before.forEach((cell, published) -> assertThat(after.get(cell)).as(cell).isEqualTo(published));
    }

    @Property(tries = 500)
    void oneWomanMoreOrLessChangesTheCellKey(
            @ForAll @Size(max = 50) List<@IntRange(min = 1, max = CellKey.RANGE - 1) Integer> recordKeys,
            @ForAll @IntRange(min = 1, max = CellKey.RANGE - 1) int herKey,
            @ForAll("columns") String column) {
        long sum = recordKeys.stream().mapToLong(Integer::longValue).sum();
        assertThat(CellKey.of(column, sum + herKey)).isNotEqualTo(CellKey.of(column, sum));
    }

    @Property(tries = 300)
    void cellKeysDoNotDependOnTheOrderWomenJoinOrLeave(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 4095) Integer> keys, @ForAll long seed) {
        TableSpec spec = Tables.FOLLOWUP_STATUS;
        CellContribution sum = null;
        List<Integer> order = new ArrayList<>(keys);
        Collections.shuffle(order, new Random(seed));
        for (int rk : order) {
            CellContribution one = CellContribution.to(spec, 2010, 12, "STABLE")
                    .count("cases", 1)
                    .build()
                    .ofWoman(rk);
            sum = sum == null ? one : CellContribution.merge(sum, one);
        }
        // One woman counted, then taken back (a late void): the sum is as if she never came.
        CellContribution extra = CellContribution.to(spec, 2010, 12, "STABLE")
                .count("cases", 1)
                .build()
                .ofWoman(77);
        CellContribution withAndWithout = CellContribution.merge(CellContribution.merge(sum, extra), extra.negated());
        long expected = keys.stream().mapToLong(Integer::longValue).sum();
        assertThat(OutcomeCell.of(withAndWithout).cellKey(0, "cases")).isEqualTo(CellKey.of("cases", expected));
        assertThat(withAndWithout.counts[0]).isEqualTo(keys.size());
    }

    @Property(tries = 1000)
    void thePtableNeverMovesACountByMoreThanTwoNorBelowZeroAndKeepsZero(
            @ForAll @IntRange(min = 0, max = 1_000_000) int trueValue,
            @ForAll @IntRange(min = 0, max = CellKey.RANGE - 1) int cellKey) {
        long published = ptable.perturb(trueValue, cellKey);
        assertThat(Math.abs(published - trueValue)).isLessThanOrEqualTo(2);
        assertThat(published).isNotNegative();
        if (trueValue == 0) {
            assertThat(published).isZero();
        }
    }

    @Property(tries = 200)
    void thePtableNoiseAveragesZeroOverEveryCellKeyFromThreeUp(
            @ForAll @IntRange(min = 3, max = 1_000_000) int trueValue) {
        long total = 0;
        for (int cellKey = 0; cellKey < CellKey.RANGE; cellKey++) {
            total += ptable.noise(trueValue, cellKey);
        }
        assertThat(total).isZero();
    }

    @Provide
    Arbitrary<String> columns() {
        return Arbitraries.of("cases", "reintegrated", "independent_12m", "legal_cases", "admissions");
    }

    /** Every row of cohort_outcomes and referral_sources (rollups included) as published for these women. */
    private Map<String, Published> release(List<Woman> women) {
        Map<String, CellContribution> sums = new LinkedHashMap<>();
        for (Woman w : women) {
            List<CellContribution> hers = List.of(
                    CellContribution.to(Tables.COHORT_OUTCOMES, w.year(), w.centre(), w.ageBand(), w.exploitation())
                            .count("cases", 1)
                            .countIf("reintegrated", w.reintegrated())
                            .build(),
                    CellContribution.to(Tables.REFERRAL_SOURCES, w.year(), w.referral(), w.exploitation(), w.minor())
                            .count("cases", 1)
                            .build());
            for (CellContribution row : Rollups.expand(hers)) {
                sums.merge(row.cellId(), row.ofWoman(w.recordKey()), CellContribution::merge);
            }
        }
        List<OutcomeCell> cells = sums.values().stream().map(OutcomeCell::of).toList();
        Map<String, Published> published = new LinkedHashMap<>();
        new CellKeyPerturbation(new SuppressionRule(K), ptable)
                .apply(cells)
                .tables()
                .values()
                .forEach(rows ->
                        rows.forEach(r -> published.put(r.table() + "/" + String.join("/", r.key()), Published.of(r))));
        return published;
    }
}
