package org.casetrail.jobs.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.CaseIdentifiedDetails;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.event.ConsentDetails;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExploitationType;
import org.casetrail.schemas.event.FollowUpDetails;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.LegalCaseDetails;
import org.casetrail.schemas.event.Livelihood;
import org.casetrail.schemas.event.LivelihoodDetails;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.event.ReintegrationDetails;
import org.casetrail.schemas.event.ReintegrationSetting;
import org.casetrail.schemas.event.Sector;
import org.casetrail.schemas.event.ShelterDetails;
import org.casetrail.schemas.event.Subject;
import org.casetrail.schemas.event.TestimonyDetails;
import org.casetrail.schemas.event.TrainingDetails;
import org.casetrail.schemas.event.Verdict;
import org.casetrail.schemas.event.VoidDetails;

/** Hand-made pseudonymized events for rule tests: one case at a time, ids named for what they are. */
public final class Events {

    public static final String FINGERPRINT = "00000000feedbeef";

    private final String casePseudonym;

    public Events(String casePseudonym) {
        this.casePseudonym = casePseudonym;
    }

    public static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    public CaseEvent identified(
            String id,
            String on,
            String centre,
            ReferralSource source,
            ExploitationType type,
            AgeBand band,
            Boolean minor) {
        return event(
                id,
                EventType.CASE_IDENTIFIED,
                on,
                centre,
                new Subject("Makara*", band, minor, "Phnom Penh", "KH"),
                new CaseIdentifiedDetails(source, type, null));
    }

    public CaseEvent identified(String id, String on) {
        return identified(
                id, on, "TOM_DY", ReferralSource.POLICE_OPERATION, ExploitationType.SEXUAL, AgeBand.AGE_18_24, false);
    }

    public CaseEvent consent(String id, String on, boolean research, boolean story) {
        return event(id, EventType.CONSENT_RECORDED, on, null, null, new ConsentDetails(research, story));
    }

    public CaseEvent withdrawn(String id, String on, boolean research, boolean story) {
        return event(id, EventType.CONSENT_WITHDRAWN, on, null, null, new ConsentDetails(research, story));
    }

    public CaseEvent admitted(String id, String on, String centre) {
        return event(id, EventType.SHELTER_ADMITTED, on, centre, null, new ShelterDetails(centre, null));
    }

    public CaseEvent exited(String id, String on, String centre) {
        return event(id, EventType.SHELTER_EXITED, on, centre, null, new ShelterDetails(centre, null));
    }

    public CaseEvent reintegrated(String id, String on) {
        return event(id, EventType.REINTEGRATED, on, null, null, new ReintegrationDetails(ReintegrationSetting.FAMILY));
    }

    public CaseEvent followUp(String id, String on, FollowUpStatus status, Livelihood livelihood, IncomeBand income) {
        return event(id, EventType.FOLLOW_UP, on, null, null, new FollowUpDetails(status, livelihood, income));
    }

    public CaseEvent followUp(String id, String on, FollowUpStatus status) {
        return followUp(id, on, status, null, null);
    }

    public CaseEvent training(String id, EventType type, String on, Course course) {
        return event(id, type, on, null, null, new TrainingDetails(course));
    }

    public CaseEvent employed(String id, String on) {
        return event(
                id, EventType.EMPLOYMENT_STARTED, on, null, null, new LivelihoodDetails(Sector.GARMENT, List.of()));
    }

    public CaseEvent filed(String id, String on, String ref, Charge charge) {
        return event(id, EventType.LEGAL_CASE_FILED, on, null, null, new LegalCaseDetails(ref, charge, null, null));
    }

    public CaseEvent verdict(String id, String on, String ref, Verdict verdict, boolean compensation) {
        return event(
                id,
                EventType.LEGAL_CASE_OUTCOME,
                on,
                null,
                null,
                new LegalCaseDetails(ref, null, verdict, compensation));
    }

    public CaseEvent testimony(String id, String on, String text) {
        return event(
                id,
                EventType.TESTIMONY_RECORDED,
                on,
                null,
                new Subject("Makara*", AgeBand.AGE_18_24, false, null, null),
                new TestimonyDetails(text));
    }

    public CaseEvent voids(String id, String on, String voidedId) {
        return event(id, EventType.EVENT_VOIDED, on, null, null, new VoidDetails(voidedId));
    }

    public CaseEvent event(String id, EventType type, String on, String centre, Subject subject, Object details) {
        return CaseEvent.newBuilder()
                .setEventId(id)
                .setCasePseudonym(casePseudonym)
                .setSource("test-cms")
                .setType(type)
                .setOccurredOn(day(on))
                .setRecordedAt(Instant.parse(on + "T09:00:00Z"))
                .setCentre(centre)
                .setKeyFingerprint(FINGERPRINT)
                .setSubject(subject)
                .setDetails(details)
                .build();
    }
}
