package org.casetrail.jobs.outcomes;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.jobs.journey.CaseJourney;
import org.casetrail.jobs.journey.Checkpoint;
import org.casetrail.jobs.journey.CheckpointStatus;
import org.casetrail.jobs.journey.FollowUpWindow;
import org.casetrail.jobs.journey.LegalCase;
import org.casetrail.jobs.journey.ShelterStay;
import org.casetrail.jobs.journey.TrainingEnrolment;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.table.Tables;

/**
 * What one journey contributes to each published table (docs/tables.md, "Public tables"). A woman
 * contributes at most once to a cell, so every {@code cases} count is a count of distinct women.
 */
public final class JourneyCells {

    private JourneyCells() {}

    public static List<CellContribution> of(CaseJourney j, LocalDate asOf) {
        if (!j.included()) {
            return List.of();
        }
        List<CellContribution> cells = new ArrayList<>();
        cells.add(cohort(j));
        cells.add(CellContribution.to(
                        Tables.REFERRAL_SOURCES,
                        j.identifiedOn().getYear(),
                        j.referralSource(),
                        j.exploitationType(),
                        minorKey(j.minor()))
                .count("cases", 1)
                .build());
        cells.addAll(training(j));
        cells.addAll(followUps(j));
        cells.addAll(occupancy(j, asOf));
        cells.addAll(legal(j));
        return cells;
    }

    /**
     * Every row of every published table she counts in, rollup rows included, each carrying her
     * record key: what a release under cell key perturbation is summed from.
     */
    public static List<CellContribution> withRollups(CaseJourney j, LocalDate asOf, int recordKey) {
        List<CellContribution> rows = new ArrayList<>();
        for (CellContribution row : Rollups.expand(of(j, asOf))) {
            rows.add(row.ofWoman(recordKey));
        }
        return rows;
    }

    /**
     * The same rows as {@link #withRollups}, for {@link CellSums} to sum: the rollup rows it can
     * derive from her cells are left to it ({@link Rollups#deferred}).
     */
    public static List<CellContribution> forSums(CaseJourney j, LocalDate asOf, int recordKey) {
        List<CellContribution> rows = new ArrayList<>();
        for (CellContribution row : Rollups.deferred(of(j, asOf))) {
            rows.add(row.ofWoman(recordKey));
        }
        return rows;
    }

    /** referral_sources' minor key (a string since schema version 2, so that it can also be ALL). */
    static String minorKey(Boolean minor) {
        return minor == null ? "UNKNOWN" : minor ? "MINOR" : "ADULT";
    }

    private static CellContribution cohort(CaseJourney j) {
        Checkpoint m12 = j.checkpoint(FollowUpWindow.MONTHS_12);
        CheckpointStatus status12 = m12 == null ? null : m12.status();
        return CellContribution.to(
                        Tables.COHORT_OUTCOMES,
                        j.identifiedOn().getYear(),
                        j.centre(),
                        j.ageBand(),
                        j.exploitationType())
                .count("cases", 1)
                .countIf("sheltered", j.sheltered())
                .sample("median_shelter_days", j.shelterDays())
                .countIf("training_enrolled", !j.trainings().isEmpty())
                .countIf("training_completed", j.trainings().stream().anyMatch(TrainingEnrolment::isCompleted))
                .countIf("reintegrated", j.reintegratedOn() != null)
                .sample("median_days_to_reintegration", j.daysToReintegration())
                .countIf("followed_up_12m", status12 != null && status12.followedUp())
                .countIf("independent_12m", m12 != null && m12.economicallyIndependent())
                .countIf("lost_contact_12m", status12 != null && status12.contactLost())
                .countIf("pending_12m", status12 == CheckpointStatus.PENDING)
                .countIf("retrafficked_24m", j.retrafficked24m())
                .build();
    }

    /** One cell per (enrolment year, course) she enrolled in; her first completion there gives the duration. */
    private static List<CellContribution> training(CaseJourney j) {
        Map<String, List<TrainingEnrolment>> byCell = new LinkedHashMap<>();
        for (TrainingEnrolment t : j.trainings()) {
            byCell.computeIfAbsent(t.enrolled().getYear() + "/" + t.course(), k -> new ArrayList<>())
                    .add(t);
        }
        List<CellContribution> cells = new ArrayList<>();
        for (List<TrainingEnrolment> enrolments : byCell.values()) {
            TrainingEnrolment first = enrolments.get(0);
            TrainingEnrolment completed = enrolments.stream()
                    .filter(TrainingEnrolment::isCompleted)
                    .findFirst()
                    .orElse(null);
            cells.add(CellContribution.to(
                            Tables.TRAINING_OUTCOMES, first.enrolled().getYear(), first.course())
                    .count("cases", 1)
                    .countIf("completed", completed != null)
                    .countIf("dropped", completed == null && enrolments.stream().anyMatch(TrainingEnrolment::isDropped))
                    .sample("median_course_days", completed == null ? null : completed.courseDays())
                    .countIf(
                            "working_6m",
                            completed != null && enrolments.stream().anyMatch(TrainingEnrolment::workingWithin6Months))
                    .build());
        }
        return cells;
    }

    private static List<CellContribution> followUps(CaseJourney j) {
        List<CellContribution> cells = new ArrayList<>();
        if (j.reintegratedOn() == null) {
            return cells;
        }
        for (FollowUpWindow window : FollowUpWindow.values()) {
            cells.add(CellContribution.to(
                            Tables.FOLLOWUP_STATUS,
                            j.reintegratedOn().getYear(),
                            window.months(),
                            j.checkpoint(window).status())
                    .count("cases", 1)
                    .build());
        }
        return cells;
    }

    private static List<CellContribution> occupancy(CaseJourney j, LocalDate asOf) {
        Map<String, CellContribution.Builder> byCell = new LinkedHashMap<>();
        for (ShelterStay stay : j.stays()) {
            YearMonth first = YearMonth.from(stay.admitted());
            YearMonth last = YearMonth.from(stay.completed() ? stay.exited() : asOf);
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                LocalDate monthEnd = month.atEndOfMonth().isAfter(asOf) ? asOf : month.atEndOfMonth();
                String monthName = month.toString();
                byCell.computeIfAbsent(
                                monthName + "/" + stay.centre(),
                                k -> CellContribution.to(Tables.SHELTER_OCCUPANCY, monthName, stay.centre())
                                        .count("cases", 1))
                        .countIf("admissions", YearMonth.from(stay.admitted()).equals(month))
                        .countIf(
                                "exits",
                                stay.completed()
                                        && YearMonth.from(stay.exited()).equals(month))
                        .countIf("residents_at_month_end", stay.residentOn(monthEnd));
            }
        }
        return byCell.values().stream().map(CellContribution.Builder::build).toList();
    }

    private static List<CellContribution> legal(CaseJourney j) {
        Map<String, CellContribution.Builder> byCell = new LinkedHashMap<>();
        for (LegalCase c : j.legalCases()) {
            Charge charge = c.charge() == null ? Charge.OTHER : c.charge();
            CellContribution.Builder cell = byCell.computeIfAbsent(
                    c.filed().getYear() + "/" + charge,
                    k -> CellContribution.to(Tables.LEGAL_OUTCOMES, c.filed().getYear(), charge)
                            .count("cases", 1));
            cell.count("legal_cases", 1)
                    .countIf("pending", c.pending())
                    .countIf("compensation_awarded", c.compensationAwarded());
            if (!c.pending()) {
                cell.sample("median_days_to_verdict", c.daysToVerdict());
                switch (c.verdict()) {
                    case CONVICTION -> cell.count("convictions", 1);
                    case ACQUITTAL -> cell.count("acquittals", 1);
                    case DISMISSED -> cell.count("dismissed", 1);
                    case WITHDRAWN -> cell.count("withdrawn", 1);
                    case SETTLED -> cell.count("settled", 1);
                    case UNKNOWN -> {
                        // A verdict symbol newer than this reader: decided, but of no known kind.
                    }
                }
            }
        }
        return byCell.values().stream().map(CellContribution.Builder::build).toList();
    }
}
