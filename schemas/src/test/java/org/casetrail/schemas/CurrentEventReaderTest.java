package org.casetrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.RandomData;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.LivelihoodDetails;
import org.junit.jupiter.api.Test;

/**
 * The reader of today's records against Avro's own specific reader: the same events from the
 * same bytes, and, from corrupt bytes, the same event or a refusal, never another failure.
 */
class CurrentEventReaderTest {

    private static final Schema SCHEMA = CaseEvent.getClassSchema();
    private static final int HEADER_LENGTH = 10;

    private final CaseEventCodec codec = new CaseEventCodec();
    private final SpecificDatumReader<CaseEvent> avro =
            new SpecificDatumReader<>(SCHEMA, SCHEMA, SpecificData.getForClass(CaseEvent.class));

    @Test
    void theReaderMirrorsTodaysSchema() {
        assertThat(CurrentEventReader.WRITTEN_FOR)
                .as("case_event.avsc has changed: bring CurrentEventReader up to date with it, then set"
                        + " its WRITTEN_FOR to the new fingerprint")
                .isEqualTo(SchemaNormalization.parsingFingerprint64(SCHEMA));
        assertThat(CurrentEventReader.reads(SCHEMA)).isTrue();
    }

    @Test
    void aSchemaOfAnotherShapeIsNotRead() {
        Schema released = ReleasedSchemas.caseEventVersions().get(0);
        Schema micros =
                new Schema.Parser().parse(SCHEMA.toString().replace("\"timestamp-millis\"", "\"timestamp-micros\""));

        assertThat(SchemaNormalization.parsingFingerprint64(micros)).isEqualTo(CurrentEventReader.WRITTEN_FOR);
        assertThat(CurrentEventReader.reads(micros)).isFalse();
        if (SchemaNormalization.parsingFingerprint64(released) != CurrentEventReader.WRITTEN_FOR) {
            assertThat(CurrentEventReader.reads(released)).isFalse();
        }
    }

    /**
     * Any value today's schema can hold, as Avro's generic writer makes its bytes, is read into an
     * event equal to Avro's, through the codec too; every branch of every union is among them.
     */
    @Test
    void randomEventsAreReadAsAvroReadsThem() throws Exception {
        Set<String> branchesSeen = new HashSet<>();
        Set<Boolean> supportEmpty = new HashSet<>();
        for (byte[] written : randomEvents(5_000, 7L, branchesSeen)) {
            CaseEvent expected = avroRead(written);

            CaseEvent read = CurrentEventReader.read(written, HEADER_LENGTH);

            assertThat(read).isEqualTo(expected);
            assertThat(codec.decodeEvent(written)).isEqualTo(expected);
            if (expected.getDetails() instanceof LivelihoodDetails livelihood) {
                assertThat(((LivelihoodDetails) read.getDetails()).getSupport())
                        .hasSameClassAs(livelihood.getSupport());
                supportEmpty.add(livelihood.getSupport().isEmpty());
            }
        }
        assertThat(branchesSeen).containsExactlyInAnyOrderElementsOf(allBranches(SCHEMA, "event"));
        assertThat(supportEmpty).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void bytesAfterTheBodyAreLeftUnreadAsAvroLeavesThem() throws Exception {
        byte[] written = randomEvents(1, 11L, new HashSet<>()).get(0);
        byte[] longer = Arrays.copyOf(written, written.length + 3);

        assertThat(codec.decodeEvent(longer)).isEqualTo(avroRead(longer)).isEqualTo(avroRead(written));
    }

    @Test
    void everyTruncationOfAnEventIsRefused() throws Exception {
        for (byte[] written : randomEvents(40, 13L, new HashSet<>())) {
            for (int length = 0; length < written.length; length++) {
                byte[] cut = Arrays.copyOf(written, length);
                assertThatThrownBy(() -> codec.decodeEvent(cut))
                        .as("cut to %d bytes", length)
                        .isInstanceOf(CaseEventCodec.UndecodableEventException.class);
            }
        }
    }

    /** A flipped byte in the body: exactly what Avro makes of it, or refused where Avro fails too. */
    @Test
    void aCorruptedBodyIsReadAsAvroReadsItOrRefused() throws Exception {
        Random random = new Random(17L);
        int refused = 0;
        int read = 0;
        for (byte[] written : randomEvents(60, 19L, new HashSet<>())) {
            for (int position = HEADER_LENGTH; position < written.length; position++) {
                for (int mask : new int[] {0x01, 0x40, 0x80, 0xFF, 1 + random.nextInt(255)}) {
                    byte[] corrupt = written.clone();
                    corrupt[position] ^= (byte) mask;
                    CaseEvent expected = avroReadOrNull(corrupt);
                    CaseEvent actual;
                    try {
                        actual = codec.decodeEvent(corrupt);
                        read++;
                    } catch (CaseEventCodec.UndecodableEventException e) {
                        actual = null;
                        refused++;
                    }
                    assertThat(actual)
                            .as("byte %d flipped with %02x", position, mask)
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(refused).isPositive();
        assertThat(read).isPositive();
    }

    @Test
    void aLengthBeyondTheRecordIsRefusedWithoutAllocatingIt() {
        byte[] written = randomEvents(1, 23L, new HashSet<>()).get(0);
        byte[] huge = Arrays.copyOf(written, HEADER_LENGTH + 5);
        // event_id's length: 2^31 - 1 characters, zigzag varint
        byte[] length = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        System.arraycopy(length, 0, huge, HEADER_LENGTH, length.length);

        assertThatThrownBy(() -> codec.decodeEvent(huge))
                .isInstanceOf(CaseEventCodec.UndecodableEventException.class)
                .hasMessageStartingWith("corrupt case event");
    }

    private CaseEvent avroRead(byte[] record) throws IOException {
        return avro.read(
                null, DecoderFactory.get().binaryDecoder(record, HEADER_LENGTH, record.length - HEADER_LENGTH, null));
    }

    private CaseEvent avroReadOrNull(byte[] record) {
        try {
            return avroRead(record);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Random events of today's schema in Avro's own bytes; the union branches they take go into {@code seen}. */
    private static List<byte[]> randomEvents(int count, long seed, Set<String> seen) {
        BinaryMessageEncoder<Object> encoder = new BinaryMessageEncoder<>(GenericData.get(), SCHEMA);
        List<byte[]> events = new ArrayList<>();
        for (Object datum : new RandomData(GenericData.get(), SCHEMA, count, seed)) {
            branchesTaken(SCHEMA, datum, "event", seen);
            try {
                ByteBuffer buffer = encoder.encode(datum);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                events.add(bytes);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return events;
    }

    private static void branchesTaken(Schema schema, Object datum, String path, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    branchesTaken(
                            field.schema(), ((GenericRecord) datum).get(field.name()), path + "." + field.name(), seen);
                }
            }
            case UNION -> {
                int branch = GenericData.get().resolveUnion(schema, datum);
                Schema taken = schema.getTypes().get(branch);
                seen.add(path + "|" + taken.getName());
                branchesTaken(taken, datum, path + "|" + taken.getName(), seen);
            }
            default -> {}
        }
    }

    private static Set<String> allBranches(Schema schema, String path) {
        Set<String> branches = new HashSet<>();
        switch (schema.getType()) {
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    branches.addAll(allBranches(field.schema(), path + "." + field.name()));
                }
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    branches.add(path + "|" + branch.getName());
                    branches.addAll(allBranches(branch, path + "|" + branch.getName()));
                }
            }
            default -> {}
        }
        return branches;
    }
}
