package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.casetrail.jobs.disclosure.DisclosureControl;
import org.casetrail.jobs.disclosure.PublishedCell;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.SharedMargin;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.audit.AuditedCell;
import org.casetrail.warehouse.audit.DisclosureAudit;

/**
 * Random case-loads, counted into three tables that share totals, suppressed by the job's
 * {@link DisclosureControl} and checked by the warehouse's separate {@link DisclosureAudit}.
 */
class DisclosureProperties {

    record Woman(
            int year,
            String centre,
            String ageBand,
            String exploitation,
            String referral,
            Integer reintegrationYear,
            List<String> statuses) {}

    @Provide
    Arbitrary<List<Woman>> caseLoads() {
        Arbitrary<List<String>> statuses = Arbitraries.of(
                        "STABLE", "AT_RISK", "LOST_CONTACT", "NO_FOLLOW_UP", "PENDING")
                .list()
                .ofSize(4);
        Arbitrary<Woman> woman = Combinators.combine(
                        Arbitraries.of(2009, 2010),
                        Arbitraries.of("TOM_DY", "SIEM_REAP"),
                        Arbitraries.of("AGE_15_17", "AGE_18_24", "AGE_25_34", "UNKNOWN"),
                        Arbitraries.of("SEXUAL", "LABOUR", "DOMESTIC_SERVITUDE"),
                        Arbitraries.of("POLICE_OPERATION", "OUTREACH", "HOTLINE"),
                        Arbitraries.of(2010, 2011).injectNull(0.3),
                        statuses)
                .as(Woman::new);
        return woman.list().ofMinSize(1).ofMaxSize(400);
    }

    @Property(tries = 150)
    void suppressionMeetsEveryRuleAndTheAuditAgrees(
            @ForAll("caseLoads") List<Woman> women, @ForAll @IntRange(min = 2, max = 15) int k) {
        List<OutcomeCell> cells = cells(women);
        DisclosureControl.Release release = new DisclosureControl(new SuppressionRule(k)).apply(cells);
        List<AuditedCell> audited = audited(cells, release);

        for (AuditedCell cell : audited) {
            if (!cell.suppressed()) {
                assertThat(cell.trueWomen()).as(cell.describe()).isGreaterThanOrEqualTo(k);
            }
        }
        for (TableSpec table : List.of(Tables.COHORT_OUTCOMES, Tables.REFERRAL_SOURCES, Tables.FOLLOWUP_STATUS)) {
            for (Column dropped : table.keys()) {
                assertProtected(
                        groups(audited, table, null, null, c -> {
                            Map<String, String> rest = new LinkedHashMap<>(c.key());
                            rest.remove(dropped.name());
                            return new ArrayList<>(rest.values());
                        }),
                        k);
            }
        }
        for (SharedMargin margin : SharedMargin.ALL) {
            for (SharedMargin.View view : margin.views()) {
                assertProtected(
                        groups(
                                audited,
                                view.table(),
                                view.filterColumn(),
                                view.filterValue(),
                                c -> view.marginKey().apply(c.key())),
                        k);
            }
        }
        assertThat(new DisclosureAudit(k).check(audited)).isEmpty();
    }

    @Property(tries = 100)
    void theAuditCatchesACellUnsuppressedByHand(
            @ForAll("caseLoads") List<Woman> women,
            @ForAll @IntRange(min = 5, max = 12) int k,
            @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<OutcomeCell> cells = cells(women);
        List<AuditedCell> audited = audited(cells, new DisclosureControl(new SuppressionRule(k)).apply(cells));
        List<AuditedCell> suppressed =
                audited.stream().filter(AuditedCell::suppressed).toList();
        if (suppressed.isEmpty()) {
            return;
        }
        AuditedCell victim = suppressed.get(pick % suppressed.size());
        Map<String, Object> shown = new LinkedHashMap<>(victim.trueCounts());
        List<AuditedCell> tampered = new ArrayList<>(audited);
        tampered.set(
                audited.indexOf(victim),
                new AuditedCell(victim.table(), victim.key(), false, shown, victim.trueCounts()));
        List<String> failures = new DisclosureAudit(k).check(tampered);
        // A primary cell shown is named itself; a secondary one leaves its partner alone in a group.
        assertThat(failures).isNotEmpty();
        if (victim.trueWomen() < k) {
            assertThat(failures).anySatisfy(f -> assertThat(f).contains(victim.describe() + " describes fewer than k"));
        }
    }

    /** True value recovered from a known group total minus the visible cells: none, or at least k. */
    private static void assertProtected(Map<List<String>, List<AuditedCell>> groups, int k) {
        for (List<AuditedCell> group : groups.values()) {
            long suppressedCells =
                    group.stream().filter(AuditedCell::suppressed).count();
            long hidden = group.stream()
                    .filter(AuditedCell::suppressed)
                    .mapToLong(AuditedCell::trueWomen)
                    .sum();
            if (group.size() > 1 && suppressedCells > 0 && suppressedCells < group.size()) {
                assertThat(suppressedCells)
                        .as("suppressed cells in %s", group.get(0).describe())
                        .isGreaterThanOrEqualTo(2);
                assertThat(hidden)
                        .as(
                                "women behind the suppressed cells near %s",
                                group.get(0).describe())
                        .isGreaterThanOrEqualTo(k);
            }
        }
    }

    private static Map<List<String>, List<AuditedCell>> groups(
            List<AuditedCell> cells,
            TableSpec table,
            String column,
            String value,
            java.util.function.Function<AuditedCell, List<String>> key) {
        Map<List<String>, List<AuditedCell>> groups = new LinkedHashMap<>();
        for (AuditedCell c : cells) {
            if (c.table() == table && (column == null || value.equals(c.key().get(column)))) {
                groups.computeIfAbsent(new ArrayList<>(key.apply(c)), x -> new ArrayList<>())
                        .add(c);
            }
        }
        return groups;
    }

    static List<OutcomeCell> cells(List<Woman> women) {
        Map<String, CellContribution> sums = new LinkedHashMap<>();
        for (Woman w : women) {
            List<CellContribution> contributions = new ArrayList<>();
            contributions.add(
                    CellContribution.to(Tables.COHORT_OUTCOMES, w.year(), w.centre(), w.ageBand(), w.exploitation())
                            .count("cases", 1)
                            .build());
            contributions.add(CellContribution.to(
                            Tables.REFERRAL_SOURCES,
                            w.year(),
                            w.referral(),
                            w.exploitation(),
                            SharedMargin.minorOf(w.ageBand()))
                    .count("cases", 1)
                    .build());
            if (w.reintegrationYear() != null) {
                int[] months = {3, 6, 12, 24};
                for (int i = 0; i < 4; i++) {
                    contributions.add(CellContribution.to(
                                    Tables.FOLLOWUP_STATUS,
                                    w.reintegrationYear(),
                                    months[i],
                                    w.statuses().get(i))
                            .count("cases", 1)
                            .build());
                }
            }
            for (CellContribution c : contributions) {
                sums.merge(c.cellId(), c, CellContribution::merge);
            }
        }
        return sums.values().stream().map(OutcomeCell::of).toList();
    }

    static List<AuditedCell> audited(List<OutcomeCell> cells, DisclosureControl.Release release) {
        Map<String, OutcomeCell> byId = new LinkedHashMap<>();
        cells.forEach(c -> byId.put(c.cellId(), c));
        List<AuditedCell> audited = new ArrayList<>();
        for (Map.Entry<TableSpec, List<PublishedCell>> table : release.tables().entrySet()) {
            TableSpec spec = table.getKey();
            for (PublishedCell cell : table.getValue()) {
                Map<String, String> key = new LinkedHashMap<>();
                for (int i = 0; i < spec.keys().size(); i++) {
                    key.put(spec.keys().get(i).name(), cell.key()[i]);
                }
                Map<String, Object> published = new LinkedHashMap<>();
                Map<String, Long> truth = new LinkedHashMap<>();
                OutcomeCell raw = byId.get(org.casetrail.jobs.outcomes.CellId.of(cell.table(), cell.key()));
                for (int i = 0; i < spec.counts().size(); i++) {
                    published.put(spec.counts().get(i).name(), cell.counts()[i]);
                    truth.put(spec.counts().get(i).name(), raw.counts[i]);
                }
                for (int i = 0; i < spec.statistics().size(); i++) {
                    published.put(spec.statistics().get(i).name(), cell.statistics()[i]);
                }
                audited.add(new AuditedCell(spec, key, cell.suppressed(), published, truth));
            }
        }
        return audited;
    }
}
