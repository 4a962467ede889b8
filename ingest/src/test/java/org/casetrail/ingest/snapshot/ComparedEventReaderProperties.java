package org.casetrail.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.BusinessSupport;
import org.casetrail.schemas.event.CareDetails;
import org.casetrail.schemas.event.CareKind;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.ClosureDetails;
import org.casetrail.schemas.event.ClosureReason;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.LivelihoodDetails;
import org.casetrail.schemas.event.Sector;
import org.casetrail.schemas.event.Subject;
import org.casetrail.schemas.event.TestimonyDetails;
import org.casetrail.schemas.event.VoidDetails;

/**
 * The reader walks an event's bytes by hand; Avro's own decoding is the reference it must agree
 * with, on events that differ in one field or another.
 */
class ComparedEventReaderProperties {

    private static final String KEY = "29a50f406b4ae1fc";
    private static final String A = "0123456789abcdef0123456789abcdef";
    private static final String B = "fedcba9876543210fedcba9876543210";

    private final ComparedEventReader reader = new ComparedEventReader(List.of("cms", "other"), KEY);

    /** Two events have the same content exactly when they are equal once their dates are blanked. */
    @Property(tries = 2000)
    void theContentIsEverythingButTheDate(@ForAll("events") CaseEvent a, @ForAll("events") CaseEvent b) {
        ComparedEvent readA = reader.read(CaseEventCodec.encode(a));
        ComparedEvent readB = reader.read(CaseEventCodec.encode(b));

        assertThat(readA.content() == readB.content()).isEqualTo(blanked(a).equals(blanked(b)));
        assertThat(readA.date().equals(readB.date()))
                .isEqualTo(a.getOccurredOn().equals(b.getOccurredOn())
                        && (a.getSubject() == null) == (b.getSubject() == null)
                        && (a.getSubject() == null
                                || a.getSubject().getAgeBand() == b.getSubject().getAgeBand()
                                        && java.util.Objects.equals(
                                                a.getSubject().getMinor(),
                                                b.getSubject().getMinor())));
    }

    /** What it reads of ids, source, type and date is what the event says. */
    @Property(tries = 500)
    void itReadsWhatTheEventSays(@ForAll("events") CaseEvent event) {
        ComparedEvent read = reader.read(CaseEventCodec.encode(event));

        assertThat(read.key()).isEqualTo(RecordKey.of(event.getCasePseudonym(), event.getEventId()));
        assertThat(read.source()).isEqualTo(event.getSource().equals("cms") ? 0 : 1);
        assertThat(read.isVoid()).isEqualTo(event.getType() == EventType.EVENT_VOIDED);
        assertThat(read.voided())
                .isEqualTo(
                        event.getDetails() instanceof VoidDetails v
                                ? RecordKey.of(event.getCasePseudonym(), v.getVoidedEventId())
                                : null);
        assertThat(read.date().day()).isEqualTo(event.getOccurredOn());
        CaseEvent dated = blanked(event);
        read.date().applyTo(dated);
        assertThat(dated).isEqualTo(event);
        assertThat(reader.read(event)).isEqualTo(read);
    }

    @Example
    void anEventOfAnotherSourceIsPassedOver() {
        CaseEvent event = care(A, A, "elsewhere", LocalDate.of(2024, 1, 1), null, CareKind.GENERAL);
        assertThat(reader.read(CaseEventCodec.encode(event))).isNull();
    }

    @Example
    void anEventOfTheSourceMadeWithAnotherKeyIsRefused() {
        CaseEvent event = care(A, A, "cms", LocalDate.of(2024, 1, 1), null, CareKind.GENERAL);
        event.setKeyFingerprint("0000000000000000");
        assertThatThrownBy(() -> reader.read(CaseEventCodec.encode(event)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("source cms made with another pseudonymization key (fingerprint 0000000000000000;"
                        + " this key's is " + KEY + ")");
    }

    @Example
    void bytesThatAreNoCaseEventAreRefused() {
        byte[] bytes = CaseEventCodec.encode(care(A, A, "cms", LocalDate.of(2024, 1, 1), null, CareKind.GENERAL));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        byte[] unknownWriter = bytes.clone();
        unknownWriter[5] ^= 1;

        for (byte[] broken : List.of(cut, longer, unknownWriter)) {
            assertThatThrownBy(() -> reader.read(broken)).isInstanceOf(IngestException.class);
        }
    }

    private static CaseEvent blanked(CaseEvent event) {
        CaseEvent copy = CaseEvent.newBuilder(event).build();
        copy.setOccurredOn(LocalDate.EPOCH);
        if (copy.getSubject() != null) {
            copy.getSubject().setAgeBand(AgeBand.UNKNOWN);
            copy.getSubject().setMinor(null);
        }
        return copy;
    }

    private static CaseEvent care(
            String eventId, String casePseudonym, String source, LocalDate on, Subject subject, CareKind kind) {
        return CaseEvent.newBuilder()
                .setEventId(eventId)
                .setCasePseudonym(casePseudonym)
                .setSource(source)
                .setType(EventType.MEDICAL_CARE)
                .setOccurredOn(on)
                .setKeyFingerprint(KEY)
                .setSubject(subject)
                .setDetails(new CareDetails(kind))
                .build();
    }

    /** A type and its details. */
    record Typed(EventType type, Object details) {}

    @Provide
    Arbitrary<CaseEvent> events() {
        // Two or three values a field, so that equal and nearly equal pairs are common.
        Arbitrary<Subject> subject = Combinators.combine(
                        Arbitraries.of("Makara*", "Sokha*"),
                        Arbitraries.of(AgeBand.AGE_15_17, AgeBand.AGE_18_24, AgeBand.UNKNOWN),
                        Arbitraries.of(true, false).injectNull(0.3),
                        Arbitraries.of("Kampot").injectNull(0.5),
                        Arbitraries.of("KH").injectNull(0.5))
                .as(Subject::new)
                .injectNull(0.3);
        Arbitrary<Typed> typed = Arbitraries.oneOf(
                Arbitraries.of(CareKind.GENERAL, CareKind.MENTAL_HEALTH)
                        .map(k -> new Typed(EventType.MEDICAL_CARE, new CareDetails(k))),
                Arbitraries.of(ClosureReason.GOALS_MET, ClosureReason.OTHER)
                        .map(r -> new Typed(EventType.CASE_CLOSED, new ClosureDetails(r))),
                Arbitraries.of(A, B).map(v -> new Typed(EventType.EVENT_VOIDED, new VoidDetails(v))),
                Arbitraries.of("Makara* was kept in [village].", "")
                        .map(t -> new Typed(EventType.TESTIMONY_RECORDED, new TestimonyDetails(t))),
                Arbitraries.<List<BusinessSupport>>of(
                                List.of(),
                                List.of(BusinessSupport.RENT),
                                List.of(BusinessSupport.RENT, BusinessSupport.CASH_GRANT))
                        .map(s -> new Typed(EventType.BUSINESS_STARTED, new LivelihoodDetails(Sector.RETAIL, s))),
                Arbitraries.just(new Typed(EventType.REINTEGRATED, null)));
        return Combinators.combine(
                        Arbitraries.of(A, B),
                        Arbitraries.of(A, B),
                        Arbitraries.of("cms", "other"),
                        Arbitraries.of(LocalDate.of(2024, 1, 1), LocalDate.of(1999, 12, 31)),
                        Arbitraries.of(Instant.parse("2024-01-02T03:04:05Z")).injectNull(0.5),
                        Arbitraries.of("TOM_DY", "MAIN").injectNull(0.3),
                        subject,
                        typed)
                .as((eventId, casePseudonym, source, on, recordedAt, centre, person, detail) -> CaseEvent.newBuilder()
                        .setEventId(eventId)
                        .setCasePseudonym(casePseudonym)
                        .setSource(source)
                        .setType(detail.type())
                        .setOccurredOn(on)
                        .setRecordedAt(recordedAt)
                        .setCentre(centre)
                        .setKeyFingerprint(KEY)
                        .setSubject(person)
                        .setDetails(detail.details())
                        .build());
    }
}
