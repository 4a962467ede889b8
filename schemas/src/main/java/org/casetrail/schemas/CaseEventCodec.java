package org.casetrail.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * The one place where event-log records become bytes and back.
 *
 * <p>Records use Avro single-object encoding: a two-byte marker, the 64-bit fingerprint of the
 * writer schema, then the binary body. The fingerprint lets a reader built from today's schema
 * resolve data written years ago with any released schema version kept under
 * {@code schemas/src/main/avro/released/}, which is what a replay of a kept-forever log needs.
 *
 * <p>An instance reuses its decoder between records: one per thread.
 */
public final class CaseEventCodec {

    /**
     * CaseEvent's own data model, with Avro's generated coders for the records inside an event (its
     * subject and details) switched on: they write and read the same bytes as Avro's reflective
     * path, and encode faster (CaseEventDecodeBenchmark; bench/PROFILE.md, phase 6). The event
     * record itself has none, as its date field and its union of details are beyond what Avro
     * generates them for. A model of our own, so no other user of the generated classes changes.
     * Today's events are written and read by {@link CurrentEventWriter} and {@link
     * CurrentEventReader} instead; this model is for the schemas they do not mirror.
     */
    private static final SpecificData MODEL = withCustomCoders(SpecificData.getForClass(CaseEvent.class));

    private static final BinaryMessageEncoder<CaseEvent> EVENT_ENCODER =
            new BinaryMessageEncoder<>(MODEL, CaseEvent.getClassSchema());
    private static final BinaryMessageEncoder<RejectedRecord> REJECT_ENCODER = RejectedRecord.getEncoder();
    private static final int HEADER_LENGTH = 10;
    private static final long CURRENT_FINGERPRINT =
            SchemaNormalization.parsingFingerprint64(CaseEvent.getClassSchema());
    private static final boolean HEADING_FITS = HeadingLayout.fits(CaseEvent.getClassSchema());
    /** Whether today's schema is the one CurrentEventReader and CurrentEventWriter mirror. */
    private static final boolean TODAYS_SCHEMA_MIRRORED = CurrentEventReader.reads(CaseEvent.getClassSchema());

    private static final ThreadLocal<CurrentEventWriter> CURRENT_WRITER =
            ThreadLocal.withInitial(() -> new CurrentEventWriter(CURRENT_FINGERPRINT));

    private final BinaryMessageDecoder<CaseEvent> eventDecoder;
    private final BinaryMessageDecoder<RejectedRecord> rejectDecoder;
    private final SpecificDatumReader<CaseEvent> currentReader =
            new SpecificDatumReader<>(CaseEvent.getClassSchema(), CaseEvent.getClassSchema(), MODEL);
    private BinaryDecoder bodyDecoder;

    public CaseEventCodec() {
        this(ReleasedSchemas.caseEventVersions());
    }

    /** A codec that knows these writer schemas besides today's; the released ones are the only writers a log may hold. */
    CaseEventCodec(List<Schema> writers) {
        SchemaStore.Cache released = new SchemaStore.Cache();
        for (Schema schema : writers) {
            released.addSchema(schema);
        }
        this.eventDecoder = new BinaryMessageDecoder<>(MODEL, CaseEvent.getClassSchema(), released);
        this.eventDecoder.addSchema(CaseEvent.getClassSchema());
        this.rejectDecoder = RejectedRecord.createDecoder(null);
    }

    private static SpecificData withCustomCoders(SpecificData generated) {
        SpecificData model = new SpecificData(CaseEvent.class.getClassLoader());
        for (Conversion<?> conversion : generated.getConversions()) {
            model.addLogicalTypeConversion(conversion);
        }
        model.setCustomCoders(true);
        return model;
    }

    public static byte[] encode(CaseEvent event) {
        if (TODAYS_SCHEMA_MIRRORED) {
            return CURRENT_WRITER.get().write(event);
        }
        return toArray(encodeBuffer(() -> EVENT_ENCODER.encode(event)));
    }

    public static byte[] encode(RejectedRecord rejected) {
        return toArray(encodeBuffer(() -> REJECT_ENCODER.encode(rejected)));
    }

    /** What a job needs of every event before it groups them by case: its case and its day. */
    public record Heading(String casePseudonym, int occurredOnEpochDay) {}

    /**
     * The case and day of an event. A record written with today's schema is read only as far as
     * its day (see {@link HeadingLayout}); any other is decoded whole. Either way its header is
     * checked, so bytes that are no case event are refused here.
     */
    public Heading heading(byte[] bytes) throws UndecodableEventException {
        if (HEADING_FITS && writtenWithCurrentSchema(bytes)) {
            try {
                return HeadingLayout.read(body(bytes));
            } catch (IOException | RuntimeException e) {
                throw new UndecodableEventException(
                        "corrupt case event: " + e.getClass().getSimpleName(), e);
            }
        }
        CaseEvent event = decodeEvent(bytes);
        return new Heading(event.getCasePseudonym(), (int) event.getOccurredOn().toEpochDay());
    }

    /** Decodes an event written with the current or any released schema version. */
    public CaseEvent decodeEvent(byte[] bytes) throws UndecodableEventException {
        try {
            // Today's records straight from the array; Avro's message decoder reads through a
            // synchronized stream a byte at a time, which a replay would pay for every event, and
            // its reader resolves even today's schema against itself (see CurrentEventReader).
            if (writtenWithCurrentSchema(bytes)) {
                return TODAYS_SCHEMA_MIRRORED
                        ? CurrentEventReader.read(bytes, HEADER_LENGTH)
                        : currentReader.read(null, body(bytes));
            }
            return eventDecoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new UndecodableEventException(
                    "written with a schema this version does not know; upgrade casetrail", e);
        } catch (BadHeaderException e) {
            throw new UndecodableEventException("not an Avro single-object encoded case event", e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException(
                    "corrupt case event: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Single-object encoding: the marker C3 01, then the writer schema's 64-bit fingerprint, little-endian. */
    private static boolean writtenWithCurrentSchema(byte[] record) {
        if (record.length <= HEADER_LENGTH || record[0] != (byte) 0xC3 || record[1] != (byte) 0x01) {
            return false;
        }
        long written = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            written = (written << 8) | (record[i] & 0xFFL);
        }
        return written == CURRENT_FINGERPRINT;
    }

    private BinaryDecoder body(byte[] record) {
        bodyDecoder =
                DecoderFactory.get().binaryDecoder(record, HEADER_LENGTH, record.length - HEADER_LENGTH, bodyDecoder);
        return bodyDecoder;
    }

    public RejectedRecord decodeRejected(byte[] bytes) throws UndecodableEventException {
        try {
            return rejectDecoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException(
                    "corrupt reject record: " + e.getClass().getSimpleName(), e);
        }
    }

    private interface Encoding {
        ByteBuffer run() throws IOException;
    }

    private static ByteBuffer encodeBuffer(Encoding encoding) {
        try {
            return encoding.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A record on the log that this code cannot read. The message never holds record content. */
    public static final class UndecodableEventException extends Exception {
        public UndecodableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
