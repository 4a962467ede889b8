package org.casetrail.schemas;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.casetrail.schemas.event.AgeBand;
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
import org.casetrail.schemas.event.Sector;
import org.casetrail.schemas.event.ShelterDetails;
import org.casetrail.schemas.event.Subject;
import org.casetrail.schemas.event.TestimonyDetails;
import org.casetrail.schemas.event.TrainingDetails;
import org.casetrail.schemas.event.Verdict;
import org.casetrail.schemas.event.VoidDetails;

/**
 * Reads the body of a record written with today's {@code case_event.avsc}, field by field in the
 * schema's order, into the same objects Avro's specific reader makes of it. Avro's reader resolves
 * every record against its writer schema through a grammar state machine, even when writer and
 * reader are the same schema, and copies every string through a buffer of its own: about 15% of
 * a replay's busiest task. Records of the released schemas still go through it (see
 * schemas/README.md).
 *
 * <p>It mirrors one schema exactly: {@link #WRITTEN_FOR} is that schema's fingerprint, and {@link
 * #reads} refuses any other, so a changed schema falls back to Avro's reader until this class is
 * brought up to date (CurrentEventReaderTest fails until then). Bytes beyond the body are left
 * unread, as Avro's reader leaves them.
 */
final class CurrentEventReader {

    /** {@code SchemaNormalization.parsingFingerprint64} of the schema this class reads. */
    static final long WRITTEN_FOR = 8_047_688_133_832_342_534L;

    private static final EventType[] EVENT_TYPES = EventType.values();
    private static final AgeBand[] AGE_BANDS = AgeBand.values();
    private static final ReferralSource[] REFERRAL_SOURCES = ReferralSource.values();
    private static final ExploitationType[] EXPLOITATION_TYPES = ExploitationType.values();
    private static final ExitReason[] EXIT_REASONS = ExitReason.values();
    private static final CareKind[] CARE_KINDS = CareKind.values();
    private static final Course[] COURSES = Course.values();
    private static final Certification[] CERTIFICATIONS = Certification.values();
    private static final Sector[] SECTORS = Sector.values();
    private static final BusinessSupport[] BUSINESS_SUPPORTS = BusinessSupport.values();
    private static final Schema SUPPORT_SCHEMA =
            LivelihoodDetails.getClassSchema().getField("support").schema();
    private static final ReintegrationSetting[] REINTEGRATION_SETTINGS = ReintegrationSetting.values();
    private static final FollowUpStatus[] FOLLOW_UP_STATUSES = FollowUpStatus.values();
    private static final Livelihood[] LIVELIHOODS = Livelihood.values();
    private static final IncomeBand[] INCOME_BANDS = IncomeBand.values();
    private static final Charge[] CHARGES = Charge.values();
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final ClosureReason[] CLOSURE_REASONS = ClosureReason.values();

    /** The union of a nullable field: null is its first branch. */
    private static final int NULLABLE = 2;

    private static final int DETAILS_BRANCHES = 15;

    private CurrentEventReader() {}

    /**
     * Whether this class reads records of the schema: its fingerprint, and the logical types the
     * fingerprint leaves out (a date stored as an int, a timestamp in milliseconds).
     */
    static boolean reads(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema) == WRITTEN_FOR
                && isLogical(schema.getField("occurred_on").schema(), LogicalTypes.date())
                && isLogical(schema.getField("recorded_at").schema().getTypes().get(1), LogicalTypes.timestampMillis());
    }

    private static boolean isLogical(Schema schema, LogicalType expected) {
        return expected.equals(schema.getLogicalType());
    }

    /** The event whose body starts at {@code start} in the array. */
    static CaseEvent read(byte[] record, int start) throws IOException {
        BinaryBody in = new BinaryBody(record, start);
        String eventId = in.readString();
        String casePseudonym = in.readString();
        String source = in.readString();
        EventType type = EVENT_TYPES[in.readIndex(EVENT_TYPES.length)];
        LocalDate occurredOn = LocalDate.ofEpochDay(in.readInt());
        Instant recordedAt = isNull(in) ? null : Instant.ofEpochMilli(in.readLong());
        String centre = nullableString(in);
        String keyFingerprint = in.readString();
        Subject subject = isNull(in) ? null : subject(in);
        Object details = details(in);
        return new CaseEvent(
                eventId, casePseudonym, source, type, occurredOn, recordedAt, centre, keyFingerprint, subject, details);
    }

    private static Subject subject(BinaryBody in) throws IOException {
        String changedName = in.readString();
        AgeBand ageBand = AGE_BANDS[in.readIndex(AGE_BANDS.length)];
        Boolean minor = isNull(in) ? null : in.readBoolean();
        String province = nullableString(in);
        String nationality = nullableString(in);
        return new Subject(changedName, ageBand, minor, province, nationality);
    }

    /** The branches in the order of the details union in case_event.avsc. */
    private static Object details(BinaryBody in) throws IOException {
        return switch (in.readIndex(DETAILS_BRANCHES)) {
            case 0 -> null;
            case 1 ->
                new CaseIdentifiedDetails(
                        REFERRAL_SOURCES[in.readIndex(REFERRAL_SOURCES.length)],
                        EXPLOITATION_TYPES[in.readIndex(EXPLOITATION_TYPES.length)],
                        nullableString(in));
            case 2 -> new ConsentDetails(in.readBoolean(), in.readBoolean());
            case 3 -> new ShelterDetails(nullableString(in), nullableEnum(in, EXIT_REASONS));
            case 4 -> new CareDetails(CARE_KINDS[in.readIndex(CARE_KINDS.length)]);
            case 5 -> new EducationDetails(in.readInt());
            case 6 -> new TrainingDetails(COURSES[in.readIndex(COURSES.length)]);
            case 7 -> new CertificationDetails(CERTIFICATIONS[in.readIndex(CERTIFICATIONS.length)]);
            case 8 -> new LivelihoodDetails(SECTORS[in.readIndex(SECTORS.length)], support(in));
            case 9 -> new ReintegrationDetails(REINTEGRATION_SETTINGS[in.readIndex(REINTEGRATION_SETTINGS.length)]);
            case 10 ->
                new FollowUpDetails(
                        FOLLOW_UP_STATUSES[in.readIndex(FOLLOW_UP_STATUSES.length)],
                        nullableEnum(in, LIVELIHOODS),
                        nullableEnum(in, INCOME_BANDS));
            case 11 ->
                new LegalCaseDetails(
                        in.readString(), nullableEnum(in, CHARGES), nullableEnum(in, VERDICTS), nullableBoolean(in));
            case 12 -> new TestimonyDetails(in.readString());
            case 13 -> new ClosureDetails(CLOSURE_REASONS[in.readIndex(CLOSURE_REASONS.length)]);
            case 14 -> new VoidDetails(in.readString());
            default -> throw new IllegalStateException("details branch beyond DETAILS_BRANCHES");
        };
    }

    /** An array as Avro's reader makes one, so that an event equals Avro's in every respect. */
    private static GenericData.Array<BusinessSupport> support(BinaryBody in) throws IOException {
        int count = in.readBlockCount();
        GenericData.Array<BusinessSupport> support = new GenericData.Array<>(count, SUPPORT_SCHEMA);
        while (count > 0) {
            for (int i = 0; i < count; i++) {
                support.add(BUSINESS_SUPPORTS[in.readIndex(BUSINESS_SUPPORTS.length)]);
            }
            count = in.readBlockCount();
        }
        return support;
    }

    private static boolean isNull(BinaryBody in) throws IOException {
        return in.readIndex(NULLABLE) == 0;
    }

    private static String nullableString(BinaryBody in) throws IOException {
        return isNull(in) ? null : in.readString();
    }

    private static Boolean nullableBoolean(BinaryBody in) throws IOException {
        return isNull(in) ? null : in.readBoolean();
    }

    private static <E> E nullableEnum(BinaryBody in, E[] symbols) throws IOException {
        return isNull(in) ? null : symbols[in.readIndex(symbols.length)];
    }
}
