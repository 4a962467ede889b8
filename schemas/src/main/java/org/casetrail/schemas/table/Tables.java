package org.casetrail.schemas.table;

import static org.casetrail.schemas.table.Column.count;
import static org.casetrail.schemas.table.Column.countOfThings;
import static org.casetrail.schemas.table.Column.dimension;
import static org.casetrail.schemas.table.Column.key;
import static org.casetrail.schemas.table.Column.median;
import static org.casetrail.schemas.table.Column.rate;
import static org.casetrail.schemas.table.Column.suppressed;
import static org.casetrail.schemas.table.Column.value;

import java.util.List;
import java.util.Optional;
import org.casetrail.schemas.table.Column.Type;
import org.casetrail.schemas.table.TableSpec.Visibility;

/**
 * Every table of a release. Column names are a public interface: researchers' scripts depend on
 * them, so they change only with a new {@link #SCHEMA_VERSION}.
 */
public final class Tables {

    /** Version of the published table layout, recorded in every release manifest. */
    public static final int SCHEMA_VERSION = 2;

    public static final TableSpec COHORT_OUTCOMES = new TableSpec(
            "cohort_outcomes",
            Visibility.PUBLIC,
            "What became of the women identified in a year, by responsible centre, age band at identification and form of exploitation.",
            List.of(
                    key("identification_year", Type.INT, "Year of the earliest CASE_IDENTIFIED."),
                    dimension("centre", "Responsible centre on that record; ALL in rollup rows."),
                    dimension(
                            "age_band",
                            "Age band at identification (0-11, 12-14, 15-17, 18-24, 25-34, 35+ as AGE_..., or UNKNOWN); ALL in rollup rows."),
                    dimension("exploitation_type", "Form of exploitation at identification; ALL in rollup rows."),
                    count("cases", "Distinct women."),
                    count("sheltered", "Women admitted to a shelter at least once."),
                    median(
                            "median_shelter_days",
                            "sheltered",
                            "Median of total days in completed shelter stays, over the women with at least one completed stay."),
                    count("training_enrolled", "Women who enrolled in at least one course."),
                    count("training_completed", "Women who completed at least one course."),
                    count("reintegrated", "Women reintegrated (first REINTEGRATED on or before as_of)."),
                    median(
                            "median_days_to_reintegration",
                            "reintegrated",
                            "Median days from identification to reintegration, over the reintegrated women."),
                    count(
                            "followed_up_12m",
                            "Reintegrated women whose 12-month window (days 270-450) has a follow-up status other than LOST_CONTACT, NO_FOLLOW_UP or PENDING."),
                    count(
                            "independent_12m",
                            "Women economically independent at 12 months: employed or self-employed and at or above the minimum wage."),
                    count("lost_contact_12m", "Women whose 12-month status is LOST_CONTACT or NO_FOLLOW_UP."),
                    count("pending_12m", "Women whose 12-month window had not ended by as_of."),
                    count("retrafficked_24m", "Women reported re-trafficked in days 0-730 after reintegration."),
                    suppressed()));

    public static final TableSpec TRAINING_OUTCOMES = new TableSpec(
            "training_outcomes",
            Visibility.PUBLIC,
            "Training enrolments by year of enrolment and course, and what came of them.",
            List.of(
                    key("enrolment_year", Type.INT, "Year of the TRAINING_ENROLLED."),
                    dimension(
                            "course",
                            "The course; ALL in rollup rows (a woman enrolled in several courses that year counts once)."),
                    count("cases", "Distinct women enrolled."),
                    count(
                            "completed",
                            "Women who completed it (first TRAINING_COMPLETED of the course on or after enrolment)."),
                    count("dropped", "Women who dropped it without completing it."),
                    rate("completion_rate", "completed", "cases", "completed / cases."),
                    median(
                            "median_course_days",
                            "completed",
                            "Median days from enrolment to completion, over the women who completed."),
                    count("working_6m", "Women who completed and then started a job or a business within 183 days."),
                    suppressed()));

    public static final TableSpec FOLLOWUP_STATUS = new TableSpec(
            "followup_status",
            Visibility.PUBLIC,
            "Status of reintegrated women at each follow-up checkpoint, by year of reintegration.",
            List.of(
                    key("reintegration_year", Type.INT, "Year of the first REINTEGRATED."),
                    key(
                            "checkpoint_months",
                            Type.INT,
                            "3 (days 60-120), 6 (150-240), 12 (270-450) or 24 (630-810) after reintegration."),
                    dimension(
                            "status",
                            "STABLE, AT_RISK, RE_TRAFFICKED, LOST_CONTACT (latest follow-up in the window), NO_FOLLOW_UP (none), PENDING (window not ended by as_of); ALL: every woman reintegrated that year."),
                    count("cases", "Distinct women."),
                    suppressed()));

    public static final TableSpec SHELTER_OCCUPANCY = new TableSpec(
            "shelter_occupancy",
            Visibility.PUBLIC,
            "Shelter use by month and centre.",
            List.of(
                    key("month", Type.STRING, "Calendar month, YYYY-MM."),
                    dimension(
                            "centre",
                            "The shelter's centre code; ALL in rollup rows (a woman in two shelters that month counts once)."),
                    count("cases", "Distinct women resident at some time during the month."),
                    countOfThings("admissions", "Admissions during the month."),
                    countOfThings("exits", "Exits during the month."),
                    count(
                            "residents_at_month_end",
                            "Women resident on the last day of the month (or on as_of, for its month)."),
                    suppressed()));

    public static final TableSpec REFERRAL_SOURCES = new TableSpec(
            "referral_sources",
            Visibility.PUBLIC,
            "Women identified, by year, who referred them, the form of exploitation and whether she was a minor.",
            List.of(
                    key("identification_year", Type.INT, "Year of the earliest CASE_IDENTIFIED."),
                    dimension("referral_source", "Referral source on that record; ALL in rollup rows."),
                    dimension("exploitation_type", "Form of exploitation on that record; ALL in rollup rows."),
                    dimension(
                            "minor",
                            "MINOR (under 18 at identification), ADULT, UNKNOWN (no birth date), or ALL in rollup rows. Schema version 1 had a boolean here."),
                    count("cases", "Distinct women."),
                    suppressed()));

    public static final TableSpec LEGAL_OUTCOMES = new TableSpec(
            "legal_outcomes",
            Visibility.PUBLIC,
            "Court cases against traffickers by year filed and main charge, and their verdicts.",
            List.of(
                    key(
                            "filed_year",
                            Type.INT,
                            "Year of the first event of the court case (normally LEGAL_CASE_FILED)."),
                    dimension("charge", "Main charge; ALL in rollup rows."),
                    count("cases", "Distinct women."),
                    countOfThings("legal_cases", "Distinct court cases."),
                    countOfThings("convictions", "Court cases whose latest verdict is CONVICTION."),
                    countOfThings("acquittals", "... ACQUITTAL."),
                    countOfThings("dismissed", "... DISMISSED."),
                    countOfThings("withdrawn", "... WITHDRAWN."),
                    countOfThings("settled", "... SETTLED (closed by a monetary settlement)."),
                    countOfThings("pending", "Court cases without a verdict by as_of."),
                    median(
                            "median_days_to_verdict",
                            "legal_cases",
                            "Median days from filing to the latest verdict, over the decided court cases."),
                    countOfThings("compensation_awarded", "Court cases whose latest verdict awarded compensation."),
                    suppressed()));

    public static final TableSpec TESTIMONIES = new TableSpec(
            "testimonies",
            Visibility.PUBLIC,
            "Testimonies whose author's latest consent allows publication, under a changed name and scrubbed of identifiers.",
            List.of(
                    value(
                            "changed_name",
                            Type.STRING,
                            "The name the testimony is published under, with an asterisk (Makara*)."),
                    value("year", Type.INT, "Year the testimony was recorded."),
                    value("centre", Type.STRING, "Responsible centre of the case."),
                    value("text", Type.STRING, "The testimony, scrubbed at ingest.")));

    public static final TableSpec CASE_JOURNEYS = new TableSpec(
            "case_journeys",
            Visibility.RESTRICTED,
            "One row per included case: milestones and durations, unsuppressed. For data engineers only.",
            List.of(
                    value("case_pseudonym", Type.STRING, "Keyed HMAC of the case id."),
                    value("identified_on", Type.DATE, "Date of the earliest CASE_IDENTIFIED."),
                    value("centre", Type.STRING, "Responsible centre."),
                    value("referral_source", Type.STRING, "Referral source."),
                    value("exploitation_type", Type.STRING, "Form of exploitation."),
                    value("age_band", Type.STRING, "Age band at identification."),
                    value("minor", Type.BOOLEAN, "Under 18 at identification."),
                    value("province", Type.STRING, "Province of identification or origin."),
                    value("nationality", Type.STRING, "ISO 3166 alpha-2."),
                    value("story_consent", Type.BOOLEAN, "Latest consent allows publishing her testimony."),
                    value("shelter_stays", Type.INT, "Shelter stays, completed or open."),
                    value("shelter_days", Type.LONG, "Days in completed stays; null without one."),
                    value("reintegrated_on", Type.DATE, "Date of the first REINTEGRATED."),
                    value("days_to_reintegration", Type.LONG, "Days from identification to reintegration."),
                    value("status_3m", Type.STRING, "Status at the 3-month checkpoint."),
                    value("status_6m", Type.STRING, "Status at the 6-month checkpoint."),
                    value("status_12m", Type.STRING, "Status at the 12-month checkpoint."),
                    value("status_24m", Type.STRING, "Status at the 24-month checkpoint."),
                    value("independent_12m", Type.BOOLEAN, "Economically independent at 12 months."),
                    value("retrafficked_24m", Type.BOOLEAN, "Re-trafficked within 24 months of reintegration."),
                    value("trainings_enrolled", Type.INT, "Enrolments."),
                    value("trainings_completed", Type.INT, "Completed enrolments."),
                    value("legal_cases", Type.INT, "Court cases."),
                    value("closed_on", Type.DATE, "Date of the latest CASE_CLOSED."),
                    value("closure_reason", Type.STRING, "Reason of the latest CASE_CLOSED."),
                    value("events", Type.INT, "Events that counted (after duplicates, voids and as_of).")));

    /** The tables that disclosure control protects, in publication order. */
    public static final List<TableSpec> SUPPRESSED = List.of(
            COHORT_OUTCOMES, TRAINING_OUTCOMES, FOLLOWUP_STATUS, SHELTER_OCCUPANCY, REFERRAL_SOURCES, LEGAL_OUTCOMES);

    /** Every table of a release: the published ones, then the restricted ones. */
    public static final List<TableSpec> ALL = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                            COHORT_OUTCOMES,
                            TRAINING_OUTCOMES,
                            FOLLOWUP_STATUS,
                            SHELTER_OCCUPANCY,
                            REFERRAL_SOURCES,
                            LEGAL_OUTCOMES,
                            TESTIMONIES,
                            CASE_JOURNEYS),
                    SUPPRESSED.stream().map(TableSpec::unsuppressed))
            .toList();

    private Tables() {}

    private static final java.util.Map<String, TableSpec> BY_NAME =
            ALL.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(TableSpec::name, t -> t));

    public static Optional<TableSpec> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
