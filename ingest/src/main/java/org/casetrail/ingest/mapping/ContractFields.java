package org.casetrail.ingest.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.ingest.mapping.ContractField.Kind;
import org.casetrail.schemas.event.BusinessSupport;
import org.casetrail.schemas.event.CareKind;
import org.casetrail.schemas.event.Certification;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.event.ClosureReason;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExitReason;
import org.casetrail.schemas.event.ExploitationType;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.IncomeBand;
import org.casetrail.schemas.event.Livelihood;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.event.ReintegrationSetting;
import org.casetrail.schemas.event.Sector;
import org.casetrail.schemas.event.Verdict;

/**
 * The input contract's fields as a mapping sees them: the fields of every record, of the person
 * block, and the details of each event type, as docs/input.md lists them.
 */
final class ContractFields {

    /** What the mapping may fill on any record (besides the ids, which it derives). */
    static final Map<String, ContractField> RECORD = byName(
            field("occurred_at", Kind.DATE, true),
            field("recorded_at", Kind.DATE, false),
            field("centre", Kind.CENTRE, false),
            personal("narrative", Kind.TEXT));

    static final Map<String, ContractField> PERSON = byName(
            personal("person.given_name", Kind.TEXT),
            personal("person.family_name", Kind.TEXT),
            personal("person.aliases", Kind.TEXT_LIST),
            personal("person.date_of_birth", Kind.DATE),
            personal("person.phone", Kind.TEXT),
            personal("person.national_id", Kind.TEXT),
            personal("person.email", Kind.TEXT),
            personal("person.village", Kind.TEXT),
            personal("person.province", Kind.PROVINCE),
            personal("person.nationality", Kind.NATIONALITY));

    private static final Map<EventType, Map<String, ContractField>> DETAILS = new EnumMap<>(EventType.class);

    static {
        ContractField centre = field("details.centre", Kind.CENTRE, false);
        define(
                EventType.CASE_IDENTIFIED,
                code("details.referral_source", ReferralSource.values(), true),
                code("details.exploitation_type", ExploitationType.values(), true),
                field("details.province", Kind.PROVINCE, false));
        define(
                EventType.CONSENT_RECORDED,
                field("details.research_use", Kind.BOOLEAN, true),
                field("details.story_use", Kind.BOOLEAN, true));
        define(
                EventType.CONSENT_WITHDRAWN,
                field("details.research_use", Kind.BOOLEAN, false),
                field("details.story_use", Kind.BOOLEAN, false));
        define(EventType.SHELTER_ADMITTED, centre);
        define(EventType.SHELTER_EXITED, centre, code("details.exit_reason", ExitReason.values(), false));
        define(EventType.MEDICAL_CARE, code("details.kind", CareKind.values(), true));
        define(EventType.COUNSELLING_SESSION, code("details.kind", CareKind.values(), true));
        define(EventType.EDUCATION_ASSESSED, field("details.grade_level", Kind.GRADE, true));
        for (EventType training :
                List.of(EventType.TRAINING_ENROLLED, EventType.TRAINING_COMPLETED, EventType.TRAINING_DROPPED)) {
            define(training, code("details.course", Course.values(), true));
        }
        define(EventType.CERTIFICATION_EARNED, code("details.certification", Certification.values(), true));
        define(EventType.EMPLOYMENT_STARTED, code("details.sector", Sector.values(), true));
        define(
                EventType.BUSINESS_STARTED,
                code("details.sector", Sector.values(), true),
                new ContractField("details.support", Kind.CODE_LIST, codes(BusinessSupport.values()), false, false));
        define(EventType.REINTEGRATED, code("details.setting", ReintegrationSetting.values(), true));
        define(
                EventType.FOLLOW_UP,
                code("details.status", FollowUpStatus.values(), true),
                code("details.livelihood", Livelihood.values(), false),
                code("details.income_band", IncomeBand.values(), false));
        ContractField legalCaseRef = personal("details.legal_case_ref", Kind.TEXT);
        ContractField legalCaseRefRequired =
                new ContractField(legalCaseRef.path(), legalCaseRef.kind(), List.of(), true, legalCaseRef.personal());
        define(EventType.LEGAL_CASE_FILED, legalCaseRefRequired, code("details.charge", Charge.values(), false));
        define(
                EventType.LEGAL_CASE_OUTCOME,
                legalCaseRefRequired,
                code("details.charge", Charge.values(), false),
                code("details.outcome", Verdict.values(), true),
                field("details.compensation_awarded", Kind.BOOLEAN, false));
        define(EventType.TESTIMONY_RECORDED);
        define(EventType.CASE_CLOSED, code("details.reason", ClosureReason.values(), true));
    }

    private ContractFields() {}

    /** The types a mapping may make: every type but the void, which only casetrail derives. */
    static boolean mappable(EventType type) {
        return DETAILS.containsKey(type);
    }

    /** The details of a type, by name under {@code details}. */
    static Map<String, ContractField> details(EventType type) {
        return DETAILS.getOrDefault(type, Map.of());
    }

    static List<String> mappableTypes() {
        return DETAILS.keySet().stream().map(Enum::name).toList();
    }

    private static void define(EventType type, ContractField... fields) {
        DETAILS.put(type, byName(fields));
    }

    private static Map<String, ContractField> byName(ContractField... fields) {
        Map<String, ContractField> map = new LinkedHashMap<>();
        for (ContractField field : fields) {
            map.put(field.path().startsWith("details.") ? field.name() : shortName(field.path()), field);
        }
        return map;
    }

    private static String shortName(String path) {
        return path.startsWith("person.") ? path.substring("person.".length()) : path;
    }

    private static ContractField field(String path, Kind kind, boolean required) {
        return new ContractField(path, kind, List.of(), required, false);
    }

    private static ContractField personal(String path, Kind kind) {
        return new ContractField(path, kind, List.of(), false, true);
    }

    private static ContractField code(String path, Enum<?>[] symbols, boolean required) {
        return new ContractField(path, Kind.CODE, codes(symbols), required, false);
    }

    /** A vocabulary's codes without UNKNOWN, the log's fallback that no export may carry. */
    private static List<String> codes(Enum<?>[] symbols) {
        List<String> codes = new ArrayList<>();
        Arrays.stream(symbols).map(Enum::name).filter(n -> !n.equals("UNKNOWN")).forEach(codes::add);
        return List.copyOf(codes);
    }
}
