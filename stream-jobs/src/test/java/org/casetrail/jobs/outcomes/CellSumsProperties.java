package org.casetrail.jobs.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.casetrail.schemas.table.Tables;

/**
 * Summing contributions where they are made changes nothing: a cell's running sum, fed what
 * {@link CellSums} drains (after any number of drains, in any order within a drain), equals the
 * running sum fed every contribution one by one, in counts, record-key sums and the durations
 * behind each median. Retractions follow the additions they take back, as one journey subtask
 * sends them.
 */
class CellSumsProperties {

    /** A woman's contribution to one of a few training_outcomes cells, and whether it is later taken back. */
    record Woman(int year, String course, int recordKey, boolean completed, long days, boolean retracted) {

        CellContribution contribution() {
            return CellContribution.to(Tables.TRAINING_OUTCOMES, year, course)
                    .count("cases", 1)
                    .countIf("completed", completed)
                    .sample("median_course_days", completed ? days : null)
                    .build()
                    .ofWoman(recordKey);
        }
    }

    @Provide
    Arbitrary<List<Woman>> women() {
        Arbitrary<Woman> woman = Combinators.combine(
                        Arbitraries.integers().between(2010, 2011),
                        Arbitraries.of("SEWING", "WEAVING", "ALL"),
                        Arbitraries.integers().between(1, 4095),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(0, 40),
                        Arbitraries.of(true, false, false))
                .as(Woman::new);
        return woman.list().ofMaxSize(60);
    }

    @Property
    void drainedSumsMergeToTheSameCellsAsEveryContribution(
            @ForAll("women") List<Woman> women, @ForAll("drainPoints") List<Integer> drains) {
        List<CellContribution> stream = new ArrayList<>();
        for (Woman w : women) {
            stream.add(w.contribution());
        }
        // Retractions after all additions, as a refold takes back what an earlier fold sent.
        for (Woman w : women) {
            if (w.retracted()) {
                stream.add(w.contribution().negated());
            }
        }
        Map<String, CellContribution> oneByOne = runningSums(stream);

        assertThat(described(runningSums(drainedAt(drains, stream)))).isEqualTo(described(oneByOne));
    }

    /** A woman's cells in any published tables, some meeting in a rollup row, some keyed ALL. */
    record Hers(List<CellContribution> cells, int recordKey, boolean retracted) {}

    @Provide
    Arbitrary<List<Hers>> womenInManyTables() {
        Arbitrary<CellContribution> cell = Arbitraries.of(Tables.SUPPRESSED).flatMap(spec -> {
            int keys = spec.keys().size();
            Arbitrary<String[]> key = Arbitraries.integers()
                    .between(0, 2)
                    .list()
                    .ofSize(keys)
                    .map(picks -> {
                        String[] values = new String[keys];
                        for (int i = 0; i < keys; i++) {
                            values[i] = spec.keys().get(i).rollup()
                                    ? List.of("A", "B", "ALL").get(picks.get(i))
                                    : Integer.toString(2010 + picks.get(i) % 2);
                        }
                        return values;
                    });
            Arbitrary<long[]> counts = Arbitraries.longs()
                    .between(0, 2)
                    .array(long[].class)
                    .ofSize(spec.counts().size());
            Arbitrary<long[][]> samples = Arbitraries.longs()
                    .between(0, 9)
                    .array(long[].class)
                    .ofMaxSize(2)
                    .map(values -> {
                        long[] sorted = values.clone();
                        java.util.Arrays.sort(sorted);
                        return sorted;
                    })
                    .list()
                    .ofSize(spec.medians().size())
                    .map(l -> l.toArray(long[][]::new));
            return Combinators.combine(key, counts, samples)
                    .as((k, c, d) -> new CellContribution(spec.name(), k, 1, c, d));
        });
        return Combinators.combine(
                        cell.list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.integers().between(1, 4095),
                        Arbitraries.of(true, false, false))
                .as(Hers::new)
                .list()
                .ofMaxSize(30);
    }

    @Property(tries = 500)
    void rollupRowsLeftToTheSumsComeOutAsIfEveryRowWereSent(
            @ForAll("womenInManyTables") List<Hers> women, @ForAll("drainPoints") List<Integer> drains) {
        assertThat(described(runningSums(drainedAt(drains, contributions(women, Rollups::deferred)))))
                .isEqualTo(described(runningSums(drainedAt(drains, contributions(women, Rollups::expand)))));
    }

    private static List<CellContribution> contributions(
            List<Hers> women, java.util.function.Function<List<CellContribution>, List<CellContribution>> rows) {
        List<CellContribution> stream = new ArrayList<>();
        for (Hers w : women) {
            rows.apply(w.cells()).forEach(row -> stream.add(row.ofWoman(w.recordKey())));
        }
        for (Hers w : women) {
            if (w.retracted()) {
                rows.apply(w.cells())
                        .forEach(row -> stream.add(row.ofWoman(w.recordKey()).negated()));
            }
        }
        return stream;
    }

    /** What sums fed {@code stream} pass on, drained after every contribution whose index mod 7 is in {@code drains}, and at the end. */
    private static List<CellContribution> drainedAt(List<Integer> drains, List<CellContribution> stream) {
        CellSums sums = new CellSums();
        List<CellContribution> drained = new ArrayList<>();
        for (int i = 0; i < stream.size(); i++) {
            sums.add(stream.get(i));
            if (drains.contains(i % 7)) {
                drained.addAll(sums.drain());
            }
        }
        drained.addAll(sums.drain());
        assertThat(sums.isEmpty()).isTrue();
        assertThat(drained).noneMatch(c -> c.rollupsToFollow);
        return drained;
    }

    @Example
    void aWomanInOneCellOfATableSendsThatCellAlone() {
        CellContribution cohort = CellContribution.to(Tables.COHORT_OUTCOMES, 2010, "PHNOM_PENH", "AGE_18_24", "SEXUAL")
                .count("cases", 1)
                .build();
        CellContribution sewing = CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "SEWING")
                .count("cases", 1)
                .build();
        CellContribution weaving = CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, "WEAVING")
                .count("cases", 1)
                .build();

        List<CellContribution> rows = Rollups.deferred(List.of(cohort, sewing, weaving));

        assertThat(rows.stream().filter(r -> r.table.equals(cohort.table)))
                .singleElement()
                .satisfies(r -> assertThat(r.rollupsToFollow).isTrue());
        // Two courses in one year meet in the year's ALL row, where she counts once: sent expanded.
        assertThat(rows.stream().filter(r -> r.table.equals(sewing.table)).map(r -> String.join("/", r.key)))
                .containsExactlyInAnyOrder("2010/SEWING", "2010/WEAVING", "2010/ALL");
        assertThat(rows.stream().filter(r -> r.table.equals(sewing.table))).noneMatch(r -> r.rollupsToFollow);

        CellSums sums = new CellSums();
        rows.forEach(sums::add);
        assertThat(sums.drain().stream().filter(r -> r.table.equals(cohort.table)))
                .hasSize(8)
                .allSatisfy(r -> assertThat(r.counts[0]).isEqualTo(1));
    }

    @Provide
    Arbitrary<List<Integer>> drainPoints() {
        return Arbitraries.integers().between(0, 6).list().ofMaxSize(3);
    }

    @Example
    void aDrainPassesOnOneSumPerCell() {
        CellSums sums = new CellSums();
        sums.add(new Woman(2010, "SEWING", 5, true, 30, false).contribution());
        sums.add(new Woman(2010, "SEWING", 7, true, 10, false).contribution());
        sums.add(new Woman(2010, "WEAVING", 9, false, 0, false).contribution());

        List<CellContribution> out = sums.drain();

        assertThat(out).hasSize(2);
        CellContribution sewing =
                out.stream().filter(c -> c.key[1].equals("SEWING")).findFirst().orElseThrow();
        assertThat(sewing.sign).isEqualTo(1);
        assertThat(sewing.counts[0]).isEqualTo(2);
        assertThat(sewing.keySums[0]).isEqualTo(12);
        assertThat(sewing.samples[0]).containsExactly(10, 30);
        assertThat(sums.drain()).isEmpty();
    }

    @Example
    void aRetractionOfWhatAnEarlierDrainSentGoesOutWithOnlyTheDurationsItTakesBack() {
        CellSums sums = new CellSums();
        Woman w = new Woman(2010, "SEWING", 5, true, 30, false);
        sums.add(w.contribution());
        sums.drain();
        sums.add(w.contribution().negated());
        sums.add(new Woman(2010, "SEWING", 5, true, 45, false).contribution());

        List<CellContribution> out = sums.drain();

        assertThat(out).hasSize(2);
        assertThat(out.get(0).sign).isEqualTo(-1);
        assertThat(out.get(0).counts).containsOnly(0);
        assertThat(out.get(0).samples[0]).containsExactly(30);
        assertThat(out.get(1).sign).isEqualTo(1);
        assertThat(out.get(1).counts[0]).isZero();
        assertThat(out.get(1).samples[0]).containsExactly(45);
    }

    @Example
    void aContributionTakenBackBeforeTheDrainLeavesNothingToSend() {
        CellSums sums = new CellSums();
        Woman w = new Woman(2010, "SEWING", 5, true, 30, false);
        sums.add(w.contribution());
        sums.add(w.contribution().negated());

        assertThat(sums.drain()).isEmpty();
    }

    /** What the keyed reduce after the journeys holds per cell. */
    private static Map<String, CellContribution> runningSums(List<CellContribution> in) {
        Map<String, CellContribution> sums = new TreeMap<>();
        for (CellContribution c : in) {
            sums.merge(c.cellId(), c, CellContribution::merge);
        }
        // A cell that only ever received one contribution was never merged: normalise its sign as merge does.
        sums.replaceAll((id, c) -> c.sign == 1 ? c : CellContribution.merge(zero(c), c));
        return sums;
    }

    private static CellContribution zero(CellContribution like) {
        long[][] samples = new long[like.samples.length][0];
        return new CellContribution(like.table, like.key, 1, new long[like.counts.length], samples);
    }

    private static Map<String, String> described(Map<String, CellContribution> sums) {
        Map<String, String> out = new TreeMap<>();
        sums.forEach((id, c) -> {
            boolean empty = java.util.Arrays.stream(c.counts).allMatch(n -> n == 0)
                    && java.util.Arrays.stream(c.keySums).allMatch(n -> n == 0)
                    && java.util.Arrays.stream(c.samples).allMatch(s -> s.length == 0);
            if (!empty) {
                out.put(
                        id.replace('\u001f', '/'),
                        java.util.Arrays.toString(c.counts) + " keys " + java.util.Arrays.toString(c.keySums)
                                + " durations " + java.util.Arrays.deepToString(c.samples));
            }
        });
        return out;
    }
}
