package org.casetrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.RandomData;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ShelterDetails;
import org.junit.jupiter.api.Test;

/** Writing events, and reading them back: whole, and only as far as their case and day. */
class CaseEventCodecTest {

    private final CaseEventCodec codec = new CaseEventCodec();

    private static CaseEvent admitted(String casePseudonym, LocalDate day) {
        return CaseEvent.newBuilder()
                .setEventId("0123456789abcdef0123456789abcdef")
                .setCasePseudonym(casePseudonym)
                .setSource("afesip-cms")
                .setType(EventType.SHELTER_ADMITTED)
                .setOccurredOn(day)
                .setCentre("TOM_DY")
                .setKeyFingerprint("00000000feedbeef")
                .setDetails(ShelterDetails.newBuilder().setCentre("TOM_DY").build())
                .build();
    }

    /**
     * Any value today's schema can hold, as Avro's own generic writer makes its bytes, is read and
     * written again to the very same bytes: the codec's own writer of today's events changes
     * nothing on the log.
     */
    @Test
    void anEventIsWrittenByteForByteAsAvroWritesIt() throws Exception {
        Schema schema = CaseEvent.getClassSchema();
        BinaryMessageEncoder<Object> avro = new BinaryMessageEncoder<>(GenericData.get(), schema);
        Set<String> detailsSeen = new HashSet<>();
        int nullSubjects = 0;
        for (Object datum : new RandomData(GenericData.get(), schema, 3_000, 2026L)) {
            GenericRecord record = (GenericRecord) datum;
            byte[] written = toArray(avro.encode(record));

            CaseEvent event = codec.decodeEvent(written);

            assertThat(CaseEventCodec.encode(event)).isEqualTo(written);
            Object details = record.get("details");
            detailsSeen.add(
                    details == null
                            ? "null"
                            : ((GenericRecord) details).getSchema().getName());
            nullSubjects += record.get("subject") == null ? 1 : 0;
        }
        int detailsBranches = schema.getField("details").schema().getTypes().size();
        assertThat(detailsSeen).hasSize(detailsBranches);
        assertThat(nullSubjects).isBetween(1, 2_999);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void anEventComesBackWhole() throws Exception {
        CaseEvent event = admitted("fedcba9876543210fedcba9876543210", LocalDate.of(2011, 4, 30));

        assertThat(codec.decodeEvent(CaseEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void theHeadingOfAnEventIsItsCaseAndDay() throws Exception {
        for (LocalDate day :
                new LocalDate[] {LocalDate.of(2011, 4, 30), LocalDate.of(1969, 12, 31), LocalDate.of(2040, 1, 1)}) {
            byte[] bytes = CaseEventCodec.encode(admitted("case-" + day, day));

            CaseEventCodec.Heading heading = codec.heading(bytes);

            assertThat(heading.casePseudonym()).isEqualTo("case-" + day);
            assertThat(LocalDate.ofEpochDay(heading.occurredOnEpochDay())).isEqualTo(day);
        }
    }

    @Test
    void todaysSchemaHasTheLayoutTheHeadingReads() {
        assertThat(HeadingLayout.fits(CaseEvent.getClassSchema())).isTrue();
        Schema reordered = SchemaBuilder.record("CaseEvent")
                .fields()
                .requiredString("case_pseudonym")
                .requiredString("event_id")
                .requiredString("source")
                .name("type")
                .type()
                .enumeration("EventType")
                .symbols("A")
                .noDefault()
                .name("occurred_on")
                .type()
                .intType()
                .noDefault()
                .endRecord();
        assertThat(HeadingLayout.fits(reordered)).isFalse();
    }

    @Test
    void bytesThatAreNoCaseEventHaveNoHeading() {
        assertThatThrownBy(() -> codec.heading(new byte[] {1, 2, 3}))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageContaining("not an Avro single-object encoded case event");
    }

    @Test
    void aTruncatedEventIsCorruptWhetherReadWholeOrOnlyItsHeading() {
        byte[] whole = CaseEventCodec.encode(admitted("fedcba9876543210fedcba9876543210", LocalDate.of(2011, 4, 30)));
        byte[] headingCut = Arrays.copyOf(whole, 30);

        assertThatThrownBy(() -> codec.heading(headingCut))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageStartingWith("corrupt case event");
        assertThatThrownBy(() -> codec.decodeEvent(headingCut))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageStartingWith("corrupt case event");
    }
}
