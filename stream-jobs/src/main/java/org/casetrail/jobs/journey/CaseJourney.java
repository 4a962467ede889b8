package org.casetrail.jobs.journey;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.CaseIdentifiedDetails;
import org.casetrail.schemas.event.ClosureDetails;
import org.casetrail.schemas.event.ClosureReason;
import org.casetrail.schemas.event.ConsentDetails;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExploitationType;
import org.casetrail.schemas.event.FollowUpDetails;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.LegalCaseDetails;
import org.casetrail.schemas.event.Livelihood;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.event.ShelterDetails;
import org.casetrail.schemas.event.Subject;
import org.casetrail.schemas.event.TestimonyDetails;
import org.casetrail.schemas.event.TrainingDetails;
import org.casetrail.schemas.release.ConsentBasis;

/**
 * One woman's journey: all of a case's events folded in event time, whatever order they arrived
 * in, by the rules of docs/journeys.md ("Journeys: what counts"). Pure function of her log entries
 * (events and their positions in the log) and {@code as_of}, so a streaming run and a replay of the
 * same log agree.
 */
public record CaseJourney(
        String casePseudonym,
        Inclusion inclusion,
        LocalDate identifiedOn,
        String centre,
        ReferralSource referralSource,
        ExploitationType exploitationType,
        AgeBand ageBand,
        Boolean minor,
        String province,
        String nationality,
        boolean storyConsent,
        List<ShelterStay> stays,
        LocalDate reintegratedOn,
        Map<FollowUpWindow, Checkpoint> checkpoints,
        boolean retrafficked24m,
        List<TrainingEnrolment> trainings,
        List<LegalCase> legalCases,
        List<Testimony> testimonies,
        LocalDate closedOn,
        ClosureReason closureReason,
        int eventsCounted) {

    /** Whether a case counts in the tables, and if not, why. */
    public enum Inclusion {
        INCLUDED,
        /** No CASE_IDENTIFIED yet: held back from every table until one arrives. */
        NOT_YET_IDENTIFIED,
        /** Her latest consent says research_use false (under explicit consent: or she has none): left out of every table. */
        NO_RESEARCH_CONSENT
    }

    static final int WORKING_WITHIN_DAYS = 183;

    /** Event-time order; ties by recording time, then id, so the fold never depends on arrival order. */
    static final Comparator<CaseEvent> EVENT_TIME = Comparator.comparing(CaseEvent::getOccurredOn)
            .thenComparing(CaseEvent::getRecordedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CaseEvent::getEventId);

    public boolean included() {
        return inclusion == Inclusion.INCLUDED;
    }

    public boolean sheltered() {
        return !stays.isEmpty();
    }

    /** Sum of completed stays in days; null without a completed stay. */
    public Long shelterDays() {
        long days = 0;
        boolean any = false;
        for (ShelterStay stay : stays) {
            if (stay.completed()) {
                days += stay.days();
                any = true;
            }
        }
        return any ? days : null;
    }

    public Long daysToReintegration() {
        return reintegratedOn == null ? null : ChronoUnit.DAYS.between(identifiedOn, reintegratedOn);
    }

    public Checkpoint checkpoint(FollowUpWindow window) {
        return checkpoints.get(window);
    }

    public static CaseJourney fold(String casePseudonym, Collection<LogEntry> logged, LocalDate asOf) {
        return fold(casePseudonym, logged, asOf, ConsentBasis.UNLESS_WITHDRAWN);
    }

    /** Her journey as of {@code asOf}, counted or left out by her latest consent under {@code basis}. */
    public static CaseJourney fold(
            String casePseudonym, Collection<LogEntry> logged, LocalDate asOf, ConsentBasis basis) {
        List<CaseEvent> events = counted(logged, asOf);

        CaseEvent identification = null;
        CaseEvent consent = null;
        for (CaseEvent e : events) {
            if (e.getType() == EventType.CASE_IDENTIFIED && identification == null) {
                identification = e;
            }
            if (e.getType() == EventType.CONSENT_RECORDED || e.getType() == EventType.CONSENT_WITHDRAWN) {
                consent = e;
            }
        }
        ConsentDetails consentDetails = consent == null ? null : (ConsentDetails) consent.getDetails();
        boolean researchUse =
                consentDetails == null ? basis == ConsentBasis.UNLESS_WITHDRAWN : consentDetails.getResearchUse();
        boolean storyUse = consentDetails != null && consentDetails.getStoryUse();
        Inclusion inclusion = identification == null
                ? Inclusion.NOT_YET_IDENTIFIED
                : !researchUse ? Inclusion.NO_RESEARCH_CONSENT : Inclusion.INCLUDED;
        if (inclusion != Inclusion.INCLUDED) {
            return new CaseJourney(
                    casePseudonym,
                    inclusion,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    List.of(),
                    null,
                    Map.of(),
                    false,
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    events.size());
        }

        CaseIdentifiedDetails identified = (CaseIdentifiedDetails) identification.getDetails();
        Subject subject = identification.getSubject();
        LocalDate reintegratedOn = firstOf(events, EventType.REINTEGRATED);
        Map<FollowUpWindow, Checkpoint> checkpoints = checkpoints(events, reintegratedOn, asOf);
        CaseEvent closure = lastOf(events, EventType.CASE_CLOSED);
        return new CaseJourney(
                casePseudonym,
                inclusion,
                identification.getOccurredOn(),
                identification.getCentre(),
                identified.getReferralSource(),
                identified.getExploitationType(),
                subject == null ? AgeBand.UNKNOWN : subject.getAgeBand(),
                subject == null ? null : subject.getMinor(),
                identified.getProvince() != null
                        ? identified.getProvince()
                        : subject == null ? null : subject.getProvince(),
                subject == null ? null : subject.getNationality(),
                storyUse,
                stays(events),
                reintegratedOn,
                checkpoints,
                retrafficked(events, reintegratedOn),
                trainings(events),
                legalCases(events),
                storyUse ? testimonies(events) : List.of(),
                closure == null ? null : closure.getOccurredOn(),
                closure == null ? null : ((ClosureDetails) closure.getDetails()).getReason(),
                events.size());
    }

    /**
     * The events that count: each record as its latest version in the log says, unless a void
     * came after it ({@link LatestVersions}); not a void; on or before as_of; in event time. A
     * void removes its record whatever its own date: it says the event never happened.
     */
    static List<CaseEvent> counted(Collection<LogEntry> logged, LocalDate asOf) {
        List<CaseEvent> events = new ArrayList<>();
        for (CaseEvent e : LatestVersions.of(logged)) {
            if (e.getType() != EventType.UNKNOWN && !e.getOccurredOn().isAfter(asOf)) {
                events.add(e);
            }
        }
        events.sort(EVENT_TIME);
        return events;
    }

    private static LocalDate firstOf(List<CaseEvent> events, EventType type) {
        for (CaseEvent e : events) {
            if (e.getType() == type) {
                return e.getOccurredOn();
            }
        }
        return null;
    }

    private static CaseEvent lastOf(List<CaseEvent> events, EventType type) {
        CaseEvent last = null;
        for (CaseEvent e : events) {
            if (e.getType() == type) {
                last = e;
            }
        }
        return last;
    }

    private static List<ShelterStay> stays(List<CaseEvent> events) {
        List<ShelterStay> stays = new ArrayList<>();
        ShelterStay open = null;
        for (CaseEvent e : events) {
            if (e.getType() == EventType.SHELTER_ADMITTED && open == null) {
                ShelterDetails d = (ShelterDetails) e.getDetails();
                open = new ShelterStay(d.getCentre() != null ? d.getCentre() : e.getCentre(), e.getOccurredOn(), null);
            } else if (e.getType() == EventType.SHELTER_EXITED && open != null) {
                stays.add(new ShelterStay(open.centre(), open.admitted(), e.getOccurredOn()));
                open = null;
            }
        }
        if (open != null) {
            stays.add(open);
        }
        return List.copyOf(stays);
    }

    private static Map<FollowUpWindow, Checkpoint> checkpoints(List<CaseEvent> events, LocalDate r, LocalDate asOf) {
        if (r == null) {
            return Map.of();
        }
        Map<FollowUpWindow, Checkpoint> checkpoints = new EnumMap<>(FollowUpWindow.class);
        for (FollowUpWindow window : FollowUpWindow.values()) {
            if (r.plusDays(window.lastDay()).isAfter(asOf)) {
                checkpoints.put(window, new Checkpoint(window, CheckpointStatus.PENDING, false));
                continue;
            }
            FollowUpDetails latest = null;
            for (CaseEvent e : events) {
                if (e.getType() == EventType.FOLLOW_UP
                        && window.covers(ChronoUnit.DAYS.between(r, e.getOccurredOn()))) {
                    latest = (FollowUpDetails) e.getDetails();
                }
            }
            if (latest == null) {
                checkpoints.put(window, new Checkpoint(window, CheckpointStatus.NO_FOLLOW_UP, false));
            } else {
                CheckpointStatus status = switch (latest.getStatus()) {
                    case STABLE -> CheckpointStatus.STABLE;
                    case AT_RISK -> CheckpointStatus.AT_RISK;
                    case RE_TRAFFICKED -> CheckpointStatus.RE_TRAFFICKED;
                    case LOST_CONTACT, UNKNOWN -> CheckpointStatus.LOST_CONTACT;
                };
                boolean independent = (latest.getLivelihood() == Livelihood.EMPLOYED
                                || latest.getLivelihood() == Livelihood.SELF_EMPLOYED)
                        && latest.getIncomeBand() == IncomeBand.AT_OR_ABOVE_MINIMUM_WAGE;
                checkpoints.put(window, new Checkpoint(window, status, independent));
            }
        }
        return checkpoints;
    }

    private static boolean retrafficked(List<CaseEvent> events, LocalDate r) {
        if (r == null) {
            return false;
        }
        for (CaseEvent e : events) {
            if (e.getType() == EventType.FOLLOW_UP
                    && ((FollowUpDetails) e.getDetails()).getStatus()
                            == org.casetrail.schemas.event.FollowUpStatus.RE_TRAFFICKED) {
                long day = ChronoUnit.DAYS.between(r, e.getOccurredOn());
                if (day >= 0 && day <= FollowUpWindow.RETRAFFICKED_WITHIN_DAYS) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<TrainingEnrolment> trainings(List<CaseEvent> events) {
        List<TrainingEnrolment> enrolments = new ArrayList<>();
        for (CaseEvent enrolment : events) {
            if (enrolment.getType() != EventType.TRAINING_ENROLLED) {
                continue;
            }
            var course = ((TrainingDetails) enrolment.getDetails()).getCourse();
            LocalDate completed = null;
            boolean dropped = false;
            for (CaseEvent e : events) {
                boolean sameCourse = e.getDetails() instanceof TrainingDetails t && t.getCourse() == course;
                if (!sameCourse || e.getOccurredOn().isBefore(enrolment.getOccurredOn())) {
                    continue;
                }
                if (e.getType() == EventType.TRAINING_COMPLETED && completed == null) {
                    completed = e.getOccurredOn();
                } else if (e.getType() == EventType.TRAINING_DROPPED) {
                    dropped = true;
                }
            }
            boolean working = false;
            if (completed != null) {
                for (CaseEvent e : events) {
                    if (e.getType() == EventType.EMPLOYMENT_STARTED || e.getType() == EventType.BUSINESS_STARTED) {
                        long day = ChronoUnit.DAYS.between(completed, e.getOccurredOn());
                        working |= day >= 0 && day <= WORKING_WITHIN_DAYS;
                    }
                }
            }
            enrolments.add(new TrainingEnrolment(course, enrolment.getOccurredOn(), completed, dropped, working));
        }
        return List.copyOf(enrolments);
    }

    private static List<LegalCase> legalCases(List<CaseEvent> events) {
        Map<String, LegalCase> byRef = new LinkedHashMap<>();
        for (CaseEvent e : events) {
            if (!(e.getDetails() instanceof LegalCaseDetails d)) {
                continue;
            }
            LegalCase known = byRef.get(d.getLegalCaseRef());
            LocalDate filed = known != null ? known.filed() : e.getOccurredOn();
            var charge = known != null && known.charge() != null ? known.charge() : d.getCharge();
            if (e.getType() == EventType.LEGAL_CASE_FILED && known != null && known.charge() == null) {
                charge = d.getCharge();
            }
            if (e.getType() == EventType.LEGAL_CASE_OUTCOME) {
                byRef.put(
                        d.getLegalCaseRef(),
                        new LegalCase(
                                d.getLegalCaseRef(),
                                filed,
                                charge,
                                d.getOutcome(),
                                e.getOccurredOn(),
                                Boolean.TRUE.equals(d.getCompensationAwarded())));
            } else {
                byRef.put(
                        d.getLegalCaseRef(),
                        known == null
                                ? new LegalCase(d.getLegalCaseRef(), filed, charge, null, null, false)
                                : new LegalCase(
                                        known.ref(),
                                        filed,
                                        charge,
                                        known.verdict(),
                                        known.verdictOn(),
                                        known.compensationAwarded()));
            }
        }
        return List.copyOf(byRef.values());
    }

    private static List<Testimony> testimonies(List<CaseEvent> events) {
        List<Testimony> testimonies = new ArrayList<>();
        for (CaseEvent e : events) {
            if (e.getType() == EventType.TESTIMONY_RECORDED && e.getSubject() != null) {
                testimonies.add(new Testimony(
                        e.getEventId(),
                        e.getSubject().getChangedName(),
                        e.getOccurredOn(),
                        ((TestimonyDetails) e.getDetails()).getNarrative()));
            }
        }
        return List.copyOf(testimonies);
    }
}
