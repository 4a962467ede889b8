package org.casetrail.jobs.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casetrail.jobs.journey.Events.day;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExploitationType;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.Livelihood;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.event.Verdict;
import org.casetrail.schemas.release.ConsentBasis;
import org.junit.jupiter.api.Test;

class CaseJourneyTest {

    private final Events e = new Events("case-1");
    private static final String AS_OF = "2012-12-31";

    /** The events in the order the log holds them. */
    private static CaseJourney fold(String asOf, CaseEvent... events) {
        return CaseJourney.fold("case-1", LogEntry.inLogOrder(List.of(events)), day(asOf));
    }

    /** Log entries in the order a job received them, each at its own position in the log. */
    private static CaseJourney received(String asOf, LogEntry... entries) {
        return CaseJourney.fold("case-1", List.of(entries), day(asOf));
    }

    private static LogEntry at(long position, CaseEvent event) {
        return new LogEntry(position, event);
    }

    @Test
    void arrivalOrderDoesNotMatter() {
        List<LogEntry> entries = new ArrayList<>(LogEntry.inLogOrder(List.of(
                e.identified("id", "2009-03-14"),
                e.admitted("in", "2009-03-16", "TOM_DY"),
                e.exited("out", "2009-09-12", "TOM_DY"),
                e.reintegrated("r", "2009-09-12"),
                e.followUp("f1", "2010-07-01", FollowUpStatus.STABLE),
                e.reintegrated("r", "2009-09-20"),
                e.voids("v", "2010-08-01", "f1"))));
        CaseJourney inOrder = CaseJourney.fold("case-1", entries, day(AS_OF));
        Collections.reverse(entries);
        assertThat(CaseJourney.fold("case-1", entries, day(AS_OF))).isEqualTo(inOrder);
        assertThat(inOrder.reintegratedOn()).isEqualTo(day("2009-09-20"));
        assertThat(inOrder.eventsCounted()).isEqualTo(4);
    }

    @Test
    void duplicateEventsCountOnce() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.admitted("in", "2009-03-16", "TOM_DY"),
                e.admitted("in", "2009-03-16", "TOM_DY"),
                e.exited("out", "2009-04-15", "TOM_DY"));
        assertThat(j.eventsCounted()).isEqualTo(3);
        assertThat(j.stays()).hasSize(1);
        assertThat(j.shelterDays()).isEqualTo(30L);
    }

    @Test
    void voidArrivingAfterItsEventUncountsIt() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.reintegrated("mistake", "2009-05-01"),
                e.reintegrated("r", "2009-09-12"),
                e.voids("v", "2009-09-20", "mistake"));
        assertThat(j.reintegratedOn()).isEqualTo(day("2009-09-12"));
    }

    @Test
    void aVoidLoggedAfterItsEventUncountsItEvenWhenItArrivesFirst() {
        CaseJourney j = received(
                AS_OF,
                at(9, e.voids("v", "2009-03-01", "id-wrong")),
                at(3, e.identified("id-wrong", "2009-01-02")),
                at(4, e.identified("id", "2009-03-14")));
        assertThat(j.identifiedOn()).isEqualTo(day("2009-03-14"));
    }

    @Test
    void aCorrectedCourseReplacesTheEarlierVersion() {
        CaseEvent sewing = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.SEWING);
        CaseEvent weaving = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.WEAVING);
        weaving.setRecordedAt(Instant.parse("2009-06-01T10:00:00Z"));

        CaseJourney j = fold(AS_OF, e.identified("id", "2009-03-14"), sewing, weaving);

        assertThat(j.trainings())
                .singleElement()
                .extracting(TrainingEnrolment::course)
                .isEqualTo(Course.WEAVING);
        assertThat(j.eventsCounted()).isEqualTo(2);
    }

    @Test
    void aDateMovedLaterMovesTheEvent() {
        CaseEvent enrolled = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-12-20", Course.SEWING);
        CaseEvent movedIntoTheNextYear = e.training("enrol", EventType.TRAINING_ENROLLED, "2010-01-05", Course.SEWING);
        CaseEvent reintegrated = e.reintegrated("r", "2010-01-01");
        CaseEvent movedPastAsOf = e.reintegrated("r", "2013-02-01");
        CaseEvent identified = e.identified("id", "2009-03-14");

        CaseJourney j = fold(AS_OF, identified, enrolled, reintegrated, movedIntoTheNextYear, movedPastAsOf);

        assertThat(j.trainings())
                .singleElement()
                .extracting(TrainingEnrolment::enrolled)
                .isEqualTo(day("2010-01-05"));
        assertThat(j.reintegratedOn())
                .as("the record now says it happened after as_of: it does not count in this release")
                .isNull();
    }

    @Test
    void anIdenticalResendCountsOnce() {
        CaseEvent admitted = e.admitted("in", "2009-03-16", "TOM_DY");
        CaseJourney j = received(
                AS_OF,
                at(0, e.identified("id", "2009-03-14")),
                at(1, admitted),
                at(2, e.exited("out", "2009-04-15", "TOM_DY")),
                at(40, e.admitted("in", "2009-03-16", "TOM_DY")));
        assertThat(j.eventsCounted()).isEqualTo(3);
        assertThat(j.stays()).containsExactly(new ShelterStay("TOM_DY", day("2009-03-16"), day("2009-04-15")));
    }

    @Test
    void versionsArrivingInReverseOrderStillLetTheLatestLogPositionWin() {
        CaseEvent identified = e.identified("id", "2009-03-14");
        CaseEvent first = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.SEWING);
        CaseEvent second = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.HAIRDRESSING);
        CaseEvent latest = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.WEAVING);

        CaseJourney j = received(AS_OF, at(30, latest), at(20, second), at(10, first), at(0, identified));

        assertThat(j.trainings()).extracting(TrainingEnrolment::course).containsExactly(Course.WEAVING);
        assertThat(j).isEqualTo(received(AS_OF, at(0, identified), at(10, first), at(20, second), at(30, latest)));
    }

    @Test
    void theLogPositionDecidesNotTheRecordingTime() {
        CaseEvent recordedLater = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.SEWING);
        recordedLater.setRecordedAt(Instant.parse("2011-01-01T09:00:00Z"));
        CaseEvent loggedLater = e.training("enrol", EventType.TRAINING_ENROLLED, "2009-04-01", Course.WEAVING);

        CaseJourney j = fold(AS_OF, e.identified("id", "2009-03-14"), recordedLater, loggedLater);

        assertThat(j.trainings()).extracting(TrainingEnrolment::course).containsExactly(Course.WEAVING);
    }

    @Test
    void aVoidRemovesEveryVersionOfItsRecord() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.reintegrated("r", "2009-09-12"),
                e.reintegrated("r", "2009-10-01"),
                e.voids("v", "2009-10-02", "r"));
        assertThat(j.reintegratedOn()).isNull();
        assertThat(j.eventsCounted()).isEqualTo(1);
    }

    /**
     * A void deletes the record as the log holds it where the void stands; a version logged after
     * it is the record restored in the case-management system and exported again, and counts.
     * Voiding it again takes it out again.
     */
    @Test
    void aVersionLoggedAfterItsVoidBringsTheRecordBack() {
        CaseEvent identified = e.identified("id", "2009-03-14");
        CaseEvent reintegrated = e.reintegrated("r", "2009-09-12");
        CaseEvent voided = e.voids("v", "2009-10-02", "r");
        CaseEvent restored = e.reintegrated("r", "2009-09-15");

        assertThat(received(AS_OF, at(3, restored), at(2, voided), at(1, reintegrated), at(0, identified))
                        .reintegratedOn())
                .isEqualTo(day("2009-09-15"));
        assertThat(fold(AS_OF, identified, reintegrated, voided, restored, voided)
                        .reintegratedOn())
                .isNull();
    }

    /** A void is applied where it stands: changing it later voids its new target and restores nothing. */
    @Test
    void aChangedVoidVoidsItsNewTargetToo() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.admitted("in", "2009-03-16", "TOM_DY"),
                e.reintegrated("r", "2009-09-12"),
                e.voids("v", "2009-10-02", "r"),
                e.voids("v", "2009-10-02", "in"));
        assertThat(j.reintegratedOn()).isNull();
        assertThat(j.stays()).isEmpty();
        assertThat(j.eventsCounted()).isEqualTo(1);
    }

    @Test
    void caseNeverIdentifiedIsHeldBack() {
        CaseJourney j = fold(AS_OF, e.admitted("in", "2009-03-16", "TOM_DY"), e.reintegrated("r", "2009-09-12"));
        assertThat(j.inclusion()).isEqualTo(CaseJourney.Inclusion.NOT_YET_IDENTIFIED);
        assertThat(j.included()).isFalse();
    }

    @Test
    void identificationVoidedMakesTheCaseHeldBackAgain() {
        CaseJourney j = fold(AS_OF, e.identified("id", "2009-03-14"), e.voids("v", "2009-04-01", "id"));
        assertThat(j.inclusion()).isEqualTo(CaseJourney.Inclusion.NOT_YET_IDENTIFIED);
    }

    @Test
    void earliestIdentificationGivesDateCentreAndAttributes() {
        CaseJourney j = fold(
                AS_OF,
                e.identified(
                        "late",
                        "2009-06-01",
                        "SIEM_REAP",
                        ReferralSource.HOTLINE,
                        ExploitationType.LABOUR,
                        AgeBand.AGE_18_24,
                        false),
                e.identified(
                        "early",
                        "2009-03-14",
                        "TOM_DY",
                        ReferralSource.OUTREACH,
                        ExploitationType.SEXUAL,
                        AgeBand.AGE_15_17,
                        true));
        assertThat(j.identifiedOn()).isEqualTo(day("2009-03-14"));
        assertThat(j.centre()).isEqualTo("TOM_DY");
        assertThat(j.referralSource()).isEqualTo(ReferralSource.OUTREACH);
        assertThat(j.ageBand()).isEqualTo(AgeBand.AGE_15_17);
        assertThat(j.minor()).isTrue();
    }

    @Test
    void consentWithdrawnForResearchLeavesTheCaseOut() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.consent("c1", "2009-03-15", true, true),
                e.withdrawn("c2", "2010-01-01", false, false));
        assertThat(j.inclusion()).isEqualTo(CaseJourney.Inclusion.NO_RESEARCH_CONSENT);
    }

    @Test
    void latestConsentOnOrBeforeAsOfRules() {
        CaseEvent[] events = {
            e.identified("id", "2009-03-14"),
            e.consent("c1", "2009-03-15", true, true),
            e.withdrawn("c2", "2010-01-01", true, false),
            e.consent("c3", "2011-01-01", true, true),
            e.testimony("t", "2009-06-01", "I am Makara*.")
        };
        assertThat(fold("2010-06-30", events).storyConsent()).isFalse();
        assertThat(fold("2010-06-30", events).testimonies()).isEmpty();
        assertThat(fold("2011-06-30", events).storyConsent()).isTrue();
        assertThat(fold("2011-06-30", events).testimonies())
                .extracting(Testimony::text)
                .containsExactly("I am Makara*.");
    }

    @Test
    void underExplicitConsentOnlyWomenWhoseLatestConsentAllowsResearchCount() {
        CaseEvent identified = e.identified("id", "2009-03-14");
        assertThat(CaseJourney.fold(
                                "case-1", LogEntry.inLogOrder(List.of(identified)), day(AS_OF), ConsentBasis.EXPLICIT)
                        .inclusion())
                .isEqualTo(CaseJourney.Inclusion.NO_RESEARCH_CONSENT);
        assertThat(CaseJourney.fold(
                                "case-1",
                                LogEntry.inLogOrder(List.of(identified)),
                                day(AS_OF),
                                ConsentBasis.UNLESS_WITHDRAWN)
                        .included())
                .isTrue();
        assertThat(CaseJourney.fold(
                                "case-1",
                                LogEntry.inLogOrder(List.of(identified, e.consent("c1", "2009-03-15", true, false))),
                                day(AS_OF),
                                ConsentBasis.EXPLICIT)
                        .included())
                .isTrue();
        assertThat(CaseJourney.fold(
                                "case-1",
                                LogEntry.inLogOrder(List.of(
                                        identified,
                                        e.consent("c1", "2009-03-15", true, false),
                                        e.withdrawn("c2", "2009-05-01", false, false))),
                                day(AS_OF),
                                ConsentBasis.EXPLICIT)
                        .included())
                .isFalse();
    }

    @Test
    void withoutConsentRecordTheCaseCountsButNoTestimonyIsPublished() {
        CaseJourney j = fold(AS_OF, e.identified("id", "2009-03-14"), e.testimony("t", "2009-06-01", "I am Makara*."));
        assertThat(j.included()).isTrue();
        assertThat(j.testimonies()).isEmpty();
    }

    @Test
    void eventsAfterAsOfAreIgnored() {
        CaseJourney j = fold("2009-09-01", e.identified("id", "2009-03-14"), e.reintegrated("r", "2009-09-12"));
        assertThat(j.reintegratedOn()).isNull();
        assertThat(fold("2009-03-13", e.identified("id", "2009-03-14")).included())
                .isFalse();
    }

    @Test
    void secondShelterStayAddsItsDaysAndAnOpenStayAddsNone() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.admitted("in1", "2009-03-16", "TOM_DY"),
                e.exited("out1", "2009-04-15", "TOM_DY"),
                e.admitted("in2", "2010-01-01", "SIEM_REAP"),
                e.exited("out2", "2010-01-11", "SIEM_REAP"),
                e.admitted("in3", "2012-12-01", "TOM_DY"));
        assertThat(j.stays()).hasSize(3);
        assertThat(j.shelterDays()).isEqualTo(40L);
        assertThat(j.stays().get(2).completed()).isFalse();
    }

    @Test
    void withoutACompletedStayThereAreNoShelterDays() {
        assertThat(fold(AS_OF, e.identified("id", "2009-03-14"), e.admitted("in", "2009-03-16", "TOM_DY"))
                        .shelterDays())
                .isNull();
    }

    @Test
    void windowEndingExactlyOnAsOfIsDecidedAndOneDayLaterIsPending() {
        // R = 2010-01-01; the 12-month window is days 270..450, i.e. 2010-09-28 .. 2011-03-27.
        CaseEvent[] events = {
            e.identified("id", "2009-03-14"),
            e.reintegrated("r", "2010-01-01"),
            e.followUp(
                    "f", "2010-10-01", FollowUpStatus.STABLE, Livelihood.EMPLOYED, IncomeBand.AT_OR_ABOVE_MINIMUM_WAGE)
        };
        assertThat(fold("2011-03-27", events)
                        .checkpoint(FollowUpWindow.MONTHS_12)
                        .status())
                .isEqualTo(CheckpointStatus.STABLE);
        assertThat(fold("2011-03-26", events)
                        .checkpoint(FollowUpWindow.MONTHS_12)
                        .status())
                .isEqualTo(CheckpointStatus.PENDING);
    }

    @Test
    void windowsIncludeBothEndsAndTheLatestFollowUpInsideRules() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.reintegrated("r", "2010-01-01"),
                e.followUp("before", "2010-09-27", FollowUpStatus.RE_TRAFFICKED), // day 269: outside
                e.followUp("first", "2010-09-28", FollowUpStatus.AT_RISK), // day 270: inside
                e.followUp(
                        "last",
                        "2011-03-27",
                        FollowUpStatus.STABLE,
                        Livelihood.SELF_EMPLOYED,
                        IncomeBand.AT_OR_ABOVE_MINIMUM_WAGE), // day 450
                e.followUp("after", "2011-03-28", FollowUpStatus.LOST_CONTACT)); // day 451: outside
        Checkpoint m12 = j.checkpoint(FollowUpWindow.MONTHS_12);
        assertThat(m12.status()).isEqualTo(CheckpointStatus.STABLE);
        assertThat(m12.economicallyIndependent()).isTrue();
        assertThat(j.checkpoint(FollowUpWindow.MONTHS_3).status()).isEqualTo(CheckpointStatus.NO_FOLLOW_UP);
    }

    @Test
    void independenceNeedsWorkAndAtLeastTheMinimumWage() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.reintegrated("r", "2010-01-01"),
                e.followUp(
                        "f", "2010-10-01", FollowUpStatus.STABLE, Livelihood.EMPLOYED, IncomeBand.BELOW_MINIMUM_WAGE));
        assertThat(j.checkpoint(FollowUpWindow.MONTHS_12).economicallyIndependent())
                .isFalse();
    }

    @Test
    void retraffickedCountsOnDays0To730AfterReintegration() {
        CaseEvent id = e.identified("id", "2009-03-14");
        CaseEvent r = e.reintegrated("r", "2010-01-01");
        assertThat(fold(AS_OF, id, r, e.followUp("f", "2012-01-01", FollowUpStatus.RE_TRAFFICKED))
                        .retrafficked24m())
                .isTrue(); // day 730
        assertThat(fold(AS_OF, id, r, e.followUp("f", "2012-01-02", FollowUpStatus.RE_TRAFFICKED))
                        .retrafficked24m())
                .isFalse(); // day 731
        assertThat(fold(AS_OF, id, r, e.followUp("f", "2009-12-31", FollowUpStatus.RE_TRAFFICKED))
                        .retrafficked24m())
                .isFalse(); // before R
    }

    @Test
    void reintegrationIsTheFirstOne() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.reintegrated("r2", "2011-01-01"),
                e.reintegrated("r1", "2010-01-01"));
        assertThat(j.reintegratedOn()).isEqualTo(day("2010-01-01"));
        assertThat(j.daysToReintegration()).isEqualTo(293L);
    }

    @Test
    void trainingCompletedDroppedOrStillRunning() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.training("s", EventType.TRAINING_ENROLLED, "2009-04-01", Course.SEWING),
                e.training("s-done", EventType.TRAINING_COMPLETED, "2009-07-10", Course.SEWING),
                e.employed("job", "2009-12-30"),
                e.training("e", EventType.TRAINING_ENROLLED, "2009-05-01", Course.ENGLISH),
                e.training("e-drop", EventType.TRAINING_DROPPED, "2009-06-01", Course.ENGLISH),
                e.training("c", EventType.TRAINING_ENROLLED, "2012-11-01", Course.COMPUTER),
                e.training("c-old", EventType.TRAINING_COMPLETED, "2009-01-01", Course.COMPUTER));
        assertThat(j.trainings()).hasSize(3);
        TrainingEnrolment sewing = j.trainings().get(0);
        assertThat(sewing.isCompleted()).isTrue();
        assertThat(sewing.courseDays()).isEqualTo(100);
        assertThat(sewing.workingWithin6Months()).isTrue(); // 173 days after completion
        TrainingEnrolment english = j.trainings().get(1);
        assertThat(english.isDropped()).isTrue();
        TrainingEnrolment computer = j.trainings().get(2);
        assertThat(computer.isCompleted()).isFalse();
        assertThat(computer.isDropped()).isFalse();
    }

    @Test
    void workMoreThan183DaysAfterCompletionDoesNotCount() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.training("s", EventType.TRAINING_ENROLLED, "2009-04-01", Course.SEWING),
                e.training("s-done", EventType.TRAINING_COMPLETED, "2009-07-10", Course.SEWING),
                e.employed("job", "2010-01-10")); // day 184
        assertThat(j.trainings().get(0).workingWithin6Months()).isFalse();
    }

    @Test
    void legalCasesAreToldApartByReferenceAndTheLatestVerdictRules() {
        CaseJourney j = fold(
                AS_OF,
                e.identified("id", "2009-03-14"),
                e.filed("a", "2009-05-01", "ref-A", Charge.TRAFFICKING),
                e.verdict("a1", "2010-01-01", "ref-A", Verdict.ACQUITTAL, false),
                e.verdict("a2", "2010-06-01", "ref-A", Verdict.CONVICTION, true),
                e.filed("b", "2009-06-01", "ref-B", Charge.PROCURING));
        assertThat(j.legalCases()).hasSize(2);
        LegalCase a = j.legalCases().get(0);
        assertThat(a.verdict()).isEqualTo(Verdict.CONVICTION);
        assertThat(a.compensationAwarded()).isTrue();
        assertThat(a.daysToVerdict()).isEqualTo(396);
        assertThat(j.legalCases().get(1).pending()).isTrue();
    }
}
