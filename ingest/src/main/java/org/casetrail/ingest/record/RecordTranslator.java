package org.casetrail.ingest.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.casetrail.ingest.pseudonym.AgeBands;
import org.casetrail.ingest.pseudonym.ChangedNames;
import org.casetrail.ingest.pseudonym.NarrativeScrubber;
import org.casetrail.ingest.pseudonym.PersonIdentifiers;
import org.casetrail.ingest.pseudonym.Provinces;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.schemas.event.BusinessSupport;
import org.casetrail.schemas.event.CareDetails;
import org.casetrail.schemas.event.CareKind;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.CaseIdentifiedDetails;
import org.casetrail.schemas.event.Certification;
import org.casetrail.schemas.event.CertificationDetails;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.event.ClosureDetails;
import org.casetrail.schemas.event.ClosureReason;
import org.casetrail.schemas.event.ConsentDetails;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EducationDetails;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExitReason;
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
import org.casetrail.schemas.event.RejectReason;
import org.casetrail.schemas.event.RejectedRecord;
import org.casetrail.schemas.event.Sector;
import org.casetrail.schemas.event.ShelterDetails;
import org.casetrail.schemas.event.Subject;
import org.casetrail.schemas.event.TestimonyDetails;
import org.casetrail.schemas.event.TrainingDetails;
import org.casetrail.schemas.event.Verdict;
import org.casetrail.schemas.event.VoidDetails;

/**
 * Validates one input record against the input contract and turns it into a pseudonymized
 * {@link CaseEvent}, or into a {@link RejectedRecord} that says why without repeating the record.
 * This is the boundary: identities enter here and nothing that leaves carries one.
 */
public final class RecordTranslator {

    private static final int EARLIEST_YEAR = 1950;
    private static final int LATEST_YEAR = 2100;

    private final Pseudonymizer pseudonyms;

    public RecordTranslator(Pseudonymizer pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    public Translation translate(ExportRecord record) {
        if (!record.readable()) {
            return refused(record);
        }
        Fields root = new Fields(record.content(), "");
        String source = null;
        String eventId = null;
        String casePseudonym = null;
        try {
            source = root.requiredText("source");
            if (!Codes.isSource(source)) {
                source = null;
                throw new InvalidRecord(RejectReason.BAD_VALUE, "source");
            }
            eventId = pseudonyms.eventId(source, root.requiredText("source_event_id"));
            casePseudonym = pseudonyms.casePseudonym(source, root.requiredText("case_id"));
            return new Translation.Accepted(event(root, source, eventId, casePseudonym));
        } catch (InvalidRecord invalid) {
            return reject(
                    invalid.reason(),
                    record.fieldName(invalid.field()),
                    record.lineNumber(),
                    source,
                    eventId,
                    casePseudonym);
        } catch (RuntimeException unforeseen) {
            // A line no rule foresaw is still one counted reject, never a stopped run or a message
            // (which could quote the line).
            return reject(RejectReason.OTHER, null, record.lineNumber(), source, eventId, casePseudonym);
        }
    }

    /**
     * A record refused before translation: an unreadable line, or a mapped row (docs/sources.md)
     * whose ids, when it has them, are pseudonymized for the reject like an accepted record's.
     */
    private Translation refused(ExportRecord record) {
        String source = null;
        String eventId = null;
        String casePseudonym = null;
        if (record.content() != null) {
            Fields ids = new Fields(record.content(), "");
            try {
                String text = ids.optionalText("source");
                if (text != null && Codes.isSource(text)) {
                    source = text;
                    String sourceEventId = ids.optionalText("source_event_id");
                    eventId = sourceEventId == null ? null : pseudonyms.eventId(source, sourceEventId);
                    String caseId = ids.optionalText("case_id");
                    casePseudonym = caseId == null ? null : pseudonyms.casePseudonym(source, caseId);
                }
            } catch (InvalidRecord notText) {
                // Ids that are not text are left out of the reject; its reason stays the first fault.
            }
        }
        return reject(record.unreadable(), record.field(), record.lineNumber(), source, eventId, casePseudonym);
    }

    private CaseEvent event(Fields root, String source, String eventId, String casePseudonym) throws InvalidRecord {
        EventType type;
        try {
            type = Fields.enumValue(root.requiredText("type"), EventType.class, "type");
        } catch (InvalidRecord e) {
            throw e.reason() == RejectReason.BAD_ENUM_VALUE ? new InvalidRecord(RejectReason.UNKNOWN_TYPE, "type") : e;
        }
        LocalDate occurredOn = plausible(root.date("occurred_at", true), "occurred_at");
        String centre = root.optionalText("centre");
        if (centre != null && !Codes.isCentre(centre)) {
            throw new InvalidRecord(RejectReason.BAD_VALUE, "centre");
        }
        Fields person = root.object("person");
        PersonIdentifiers identifiers = person == null ? null : identifiers(person);
        Fields details = root.object("details");
        if (details == null) {
            details = new Fields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "details");
        }
        String narrative = root.optionalText("narrative");
        if (narrative != null && !narrative.isBlank() && identifiers == null) {
            throw new InvalidRecord(RejectReason.NARRATIVE_WITHOUT_PERSON, "narrative");
        }
        String changedName =
                identifiers == null ? null : ChangedNames.forCase(casePseudonym, identifiers.lowerCaseNameParts());

        Object typedDetails = details(type, details, centre, source, narrative, identifiers, changedName);
        if (type == EventType.CASE_IDENTIFIED && centre == null) {
            throw new InvalidRecord(RejectReason.MISSING_FIELD, "centre");
        }
        return CaseEvent.newBuilder()
                .setEventId(eventId)
                .setCasePseudonym(casePseudonym)
                .setSource(source)
                .setType(type)
                .setOccurredOn(occurredOn)
                .setRecordedAt(root.instant("recorded_at"))
                .setCentre(centre)
                .setKeyFingerprint(pseudonyms.keyFingerprint())
                .setSubject(person == null ? null : subject(person, identifiers, changedName, occurredOn))
                .setDetails(typedDetails)
                .build();
    }

    private static PersonIdentifiers identifiers(Fields person) throws InvalidRecord {
        return new PersonIdentifiers(
                person.optionalText("given_name"),
                person.optionalText("family_name"),
                person.optionalTextList("aliases"),
                plausibleOrNull(person.date("date_of_birth", false), person.name("date_of_birth")),
                person.optionalText("phone"),
                person.optionalText("national_id"),
                person.optionalText("email"),
                person.optionalText("village"));
    }

    private static Subject subject(Fields person, PersonIdentifiers identifiers, String changedName, LocalDate on)
            throws InvalidRecord {
        String nationality = person.optionalText("nationality");
        if (nationality != null && !Codes.isNationality(nationality)) {
            throw new InvalidRecord(RejectReason.BAD_VALUE, person.name("nationality"));
        }
        return Subject.newBuilder()
                .setChangedName(changedName)
                .setAgeBand(AgeBands.at(identifiers.dateOfBirth(), on))
                .setMinor(AgeBands.minor(identifiers.dateOfBirth(), on))
                .setProvince(province(person, "province"))
                .setNationality(nationality)
                .build();
    }

    private static String province(Fields fields, String field) throws InvalidRecord {
        String text = fields.optionalText(field);
        if (text == null) {
            return null;
        }
        return Provinces.canonical(text)
                .orElseThrow(() -> new InvalidRecord(RejectReason.BAD_ENUM_VALUE, fields.name(field)));
    }

    private Object details(
            EventType type,
            Fields d,
            String centre,
            String source,
            String narrative,
            PersonIdentifiers identifiers,
            String changedName)
            throws InvalidRecord {
        return switch (type) {
            case CASE_IDENTIFIED ->
                new CaseIdentifiedDetails(
                        d.requiredEnum("referral_source", ReferralSource.class),
                        d.requiredEnum("exploitation_type", ExploitationType.class),
                        province(d, "province"));
            case CONSENT_RECORDED ->
                new ConsentDetails(d.requiredBoolean("research_use"), d.requiredBoolean("story_use"));
            // A withdrawal that names nothing withdraws everything.
            case CONSENT_WITHDRAWN ->
                new ConsentDetails(
                        Boolean.TRUE.equals(d.optionalBoolean("research_use")),
                        Boolean.TRUE.equals(d.optionalBoolean("story_use")));
            case SHELTER_ADMITTED, SHELTER_EXITED -> {
                String shelter = d.optionalText("centre");
                if (shelter != null && !Codes.isCentre(shelter)) {
                    throw new InvalidRecord(RejectReason.BAD_VALUE, d.name("centre"));
                }
                if (shelter == null) {
                    shelter = centre;
                }
                if (shelter == null && type == EventType.SHELTER_ADMITTED) {
                    throw new InvalidRecord(RejectReason.MISSING_FIELD, d.name("centre"));
                }
                ExitReason exit =
                        type == EventType.SHELTER_EXITED ? d.optionalEnum("exit_reason", ExitReason.class) : null;
                yield new ShelterDetails(shelter, exit);
            }
            case MEDICAL_CARE, COUNSELLING_SESSION -> new CareDetails(d.requiredEnum("kind", CareKind.class));
            case EDUCATION_ASSESSED -> {
                int grade = d.requiredInt("grade_level");
                if (grade < 0 || grade > 12) {
                    throw new InvalidRecord(RejectReason.BAD_VALUE, d.name("grade_level"));
                }
                yield new EducationDetails(grade);
            }
            case TRAINING_ENROLLED, TRAINING_COMPLETED, TRAINING_DROPPED ->
                new TrainingDetails(d.requiredEnum("course", Course.class));
            case CERTIFICATION_EARNED -> new CertificationDetails(d.requiredEnum("certification", Certification.class));
            case EMPLOYMENT_STARTED, BUSINESS_STARTED -> {
                List<BusinessSupport> support = new ArrayList<>();
                for (String item : d.optionalTextList("support")) {
                    support.add(Fields.enumValue(item, BusinessSupport.class, d.name("support")));
                }
                yield new LivelihoodDetails(d.requiredEnum("sector", Sector.class), support);
            }
            case REINTEGRATED -> new ReintegrationDetails(d.requiredEnum("setting", ReintegrationSetting.class));
            case FOLLOW_UP ->
                new FollowUpDetails(
                        d.requiredEnum("status", FollowUpStatus.class),
                        d.optionalEnum("livelihood", Livelihood.class),
                        d.optionalEnum("income_band", IncomeBand.class));
            case LEGAL_CASE_FILED, LEGAL_CASE_OUTCOME ->
                new LegalCaseDetails(
                        pseudonyms.legalCaseRef(source, d.requiredText("legal_case_ref")),
                        d.optionalEnum("charge", Charge.class),
                        type == EventType.LEGAL_CASE_OUTCOME ? d.requiredEnum("outcome", Verdict.class) : null,
                        type == EventType.LEGAL_CASE_OUTCOME ? d.optionalBoolean("compensation_awarded") : null);
            case TESTIMONY_RECORDED -> {
                if (narrative == null || narrative.isBlank()) {
                    throw new InvalidRecord(RejectReason.MISSING_FIELD, "narrative");
                }
                yield new TestimonyDetails(NarrativeScrubber.scrub(narrative, identifiers, changedName));
            }
            case CASE_CLOSED -> new ClosureDetails(d.requiredEnum("reason", ClosureReason.class));
            case EVENT_VOIDED -> new VoidDetails(pseudonyms.eventId(source, d.requiredText("voided_source_event_id")));
            case UNKNOWN -> throw new InvalidRecord(RejectReason.UNKNOWN_TYPE, "type");
        };
    }

    private static LocalDate plausible(LocalDate date, String field) throws InvalidRecord {
        if (date.getYear() < EARLIEST_YEAR || date.getYear() > LATEST_YEAR) {
            throw new InvalidRecord(RejectReason.BAD_DATE, field);
        }
        return date;
    }

    private static LocalDate plausibleOrNull(LocalDate date, String field) throws InvalidRecord {
        if (date == null) {
            return null;
        }
        if (date.getYear() < 1900 || date.getYear() > LATEST_YEAR) {
            throw new InvalidRecord(RejectReason.BAD_DATE, field);
        }
        return date;
    }

    private Translation reject(
            RejectReason reason, String field, long line, String source, String eventId, String casePseudonym) {
        return new Translation.Rejected(RejectedRecord.newBuilder()
                .setReason(reason)
                .setField(field)
                .setLineNumber(line)
                .setSource(source)
                .setEventId(eventId)
                .setCasePseudonym(casePseudonym)
                .setKeyFingerprint(pseudonyms.keyFingerprint())
                .build());
    }
}
