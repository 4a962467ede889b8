package org.casetrail.jobs.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casetrail.jobs.journey.Events.day;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casetrail.jobs.journey.CaseJourney;
import org.casetrail.jobs.journey.Events;
import org.casetrail.jobs.journey.LogEntry;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.Livelihood;
import org.casetrail.schemas.event.Verdict;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

/**
 * What one hand-made journey contributes to each table, worked out by hand:
 * identified 2010-01-10 at TOM_DY (18-24, sexual exploitation, police operation); in the shelter
 * 2010-01-12 to 2010-03-13 (60 days), again at SIEM_REAP from 2010-12-20 to 2011-01-04 (15 days);
 * sewing 2010-02-01 to 2010-05-01 (89 days), then a job on 2010-06-01; reintegrated 2010-04-01;
 * follow-ups STABLE on 2010-06-15 (day 75), EMPLOYED at the minimum wage on 2011-01-01 (day 275);
 * a trafficking case filed 2010-02-15 and won on 2011-02-15 (365 days) with compensation.
 * as_of 2011-09-30: the 24-month window (ends day 810) is pending.
 */
class JourneyCellsTest {

    private static final Events E = new Events("case-1");
    private static final List<CaseEvent> EVENTS = List.of(
            E.identified("id", "2010-01-10"),
            E.admitted("in1", "2010-01-12", "TOM_DY"),
            E.exited("out1", "2010-03-13", "TOM_DY"),
            E.admitted("in2", "2010-12-20", "SIEM_REAP"),
            E.exited("out2", "2011-01-04", "SIEM_REAP"),
            E.training("s", EventType.TRAINING_ENROLLED, "2010-02-01", Course.SEWING),
            E.training("s-done", EventType.TRAINING_COMPLETED, "2010-05-01", Course.SEWING),
            E.employed("job", "2010-06-01"),
            E.reintegrated("r", "2010-04-01"),
            E.followUp("f1", "2010-06-15", FollowUpStatus.STABLE),
            E.followUp(
                    "f2",
                    "2011-01-01",
                    FollowUpStatus.STABLE,
                    Livelihood.EMPLOYED,
                    IncomeBand.AT_OR_ABOVE_MINIMUM_WAGE),
            E.filed("lf", "2010-02-15", "ref-1", Charge.TRAFFICKING),
            E.verdict("lv", "2011-02-15", "ref-1", Verdict.CONVICTION, true));

    private static final Map<String, CellContribution> CELLS = cells();

    private static Map<String, CellContribution> cells() {
        CaseJourney journey = CaseJourney.fold("case-1", LogEntry.inLogOrder(EVENTS), day("2011-09-30"));
        Map<String, CellContribution> byId = new TreeMap<>();
        for (CellContribution c : JourneyCells.of(journey, day("2011-09-30"))) {
            byId.put(c.cellId().replace('\u001f', '/'), c);
        }
        return byId;
    }

    private static Map<String, Long> counts(String cellId) {
        CellContribution c = CELLS.get(cellId);
        assertThat(c).as(cellId + " among " + CELLS.keySet()).isNotNull();
        TableSpec spec = Tables.byName(c.table).orElseThrow();
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < c.counts.length; i++) {
            counts.put(spec.counts().get(i).name(), c.counts[i]);
        }
        return counts;
    }

    private static long[] samples(String cellId, String median) {
        CellContribution c = CELLS.get(cellId);
        TableSpec spec = Tables.byName(c.table).orElseThrow();
        return c.samples[spec.medians().indexOf(spec.column(median))];
    }

    @Test
    void cohortOutcomes() {
        String cell = "cohort_outcomes/2010/TOM_DY/AGE_18_24/SEXUAL";
        assertThat(counts(cell))
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("cases", 1L),
                        Map.entry("sheltered", 1L),
                        Map.entry("training_enrolled", 1L),
                        Map.entry("training_completed", 1L),
                        Map.entry("reintegrated", 1L),
                        Map.entry("followed_up_12m", 1L),
                        Map.entry("independent_12m", 1L),
                        Map.entry("lost_contact_12m", 0L),
                        Map.entry("pending_12m", 0L),
                        Map.entry("retrafficked_24m", 0L)));
        assertThat(samples(cell, "median_shelter_days")).containsExactly(75);
        assertThat(samples(cell, "median_days_to_reintegration")).containsExactly(81);
    }

    @Test
    void trainingOutcomes() {
        String cell = "training_outcomes/2010/SEWING";
        assertThat(counts(cell))
                .containsEntry("cases", 1L)
                .containsEntry("completed", 1L)
                .containsEntry("dropped", 0L)
                .containsEntry("working_6m", 1L);
        assertThat(samples(cell, "median_course_days")).containsExactly(89);
    }

    @Test
    void followUpStatusAtEachCheckpoint() {
        assertThat(counts("followup_status/2010/3/STABLE")).containsEntry("cases", 1L);
        assertThat(counts("followup_status/2010/6/NO_FOLLOW_UP")).containsEntry("cases", 1L);
        assertThat(counts("followup_status/2010/12/STABLE")).containsEntry("cases", 1L);
        assertThat(counts("followup_status/2010/24/PENDING")).containsEntry("cases", 1L);
        assertThat(CELLS.keySet().stream().filter(k -> k.startsWith("followup_status")))
                .hasSize(4);
    }

    @Test
    void shelterOccupancyMonthByMonth() {
        assertThat(counts("shelter_occupancy/2010-01/TOM_DY"))
                .containsEntry("cases", 1L)
                .containsEntry("admissions", 1L)
                .containsEntry("exits", 0L)
                .containsEntry("residents_at_month_end", 1L);
        assertThat(counts("shelter_occupancy/2010-02/TOM_DY"))
                .containsEntry("admissions", 0L)
                .containsEntry("residents_at_month_end", 1L);
        assertThat(counts("shelter_occupancy/2010-03/TOM_DY"))
                .containsEntry("exits", 1L)
                .containsEntry("residents_at_month_end", 0L);
        assertThat(counts("shelter_occupancy/2010-12/SIEM_REAP"))
                .containsEntry("admissions", 1L)
                .containsEntry("residents_at_month_end", 1L);
        assertThat(counts("shelter_occupancy/2011-01/SIEM_REAP"))
                .containsEntry("exits", 1L)
                .containsEntry("residents_at_month_end", 0L);
        assertThat(CELLS.keySet().stream().filter(k -> k.startsWith("shelter_occupancy")))
                .hasSize(5);
    }

    @Test
    void referralSourcesAndLegalOutcomes() {
        assertThat(counts("referral_sources/2010/POLICE_OPERATION/SEXUAL/ADULT"))
                .containsEntry("cases", 1L);
        assertThat(counts("legal_outcomes/2010/TRAFFICKING"))
                .containsEntry("cases", 1L)
                .containsEntry("legal_cases", 1L)
                .containsEntry("convictions", 1L)
                .containsEntry("pending", 0L)
                .containsEntry("compensation_awarded", 1L);
        assertThat(samples("legal_outcomes/2010/TRAFFICKING", "median_days_to_verdict"))
                .containsExactly(365);
    }

    @Test
    void aCaseLeftOutContributesNothing() {
        CaseJourney withdrawn = CaseJourney.fold(
                "case-1",
                LogEntry.inLogOrder(
                        List.of(E.identified("id", "2010-01-10"), E.withdrawn("w", "2010-02-01", false, false))),
                day("2011-09-30"));
        assertThat(JourneyCells.of(withdrawn, day("2011-09-30"))).isEmpty();
    }
}
