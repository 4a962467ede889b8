package org.casetrail.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * The one place where event-log records become bytes and back.
 *
 * <p>Records use Avro single-object encoding: a two-byte marker, the 64-bit fingerprint of the
 * writer schema, then the binary body. The fingerprint lets a reader built from today's schema
 * resolve data written years ago with any released schema version kept under
 * {@code schemas/src/main/avro/released/}, which is what a replay of a kept-forever log needs.
 */
public final class CaseEventCodec {

    private static final BinaryMessageEncoder<CaseEvent> EVENT_ENCODER = CaseEvent.getEncoder();
    private static final BinaryMessageEncoder<RejectedRecord> REJECT_ENCODER = RejectedRecord.getEncoder();

    private final BinaryMessageDecoder<CaseEvent> eventDecoder;
    private final BinaryMessageDecoder<RejectedRecord> rejectDecoder;

    public CaseEventCodec() {
        SchemaStore.Cache released = new SchemaStore.Cache();
        for (Schema schema : ReleasedSchemas.caseEventVersions()) {
            released.addSchema(schema);
        }
        this.eventDecoder = CaseEvent.createDecoder(released);
        this.eventDecoder.addSchema(CaseEvent.getClassSchema());
        this.rejectDecoder = RejectedRecord.createDecoder(null);
    }

    public static byte[] encode(CaseEvent event) {
        return toArray(encodeBuffer(() -> EVENT_ENCODER.encode(event)));
    }

    public static byte[] encode(RejectedRecord rejected) {
        return toArray(encodeBuffer(() -> REJECT_ENCODER.encode(rejected)));
    }

    /** Decodes an event written with the current or any released schema version. */
    public CaseEvent decodeEvent(byte[] bytes) throws UndecodableEventException {
        try {
            return eventDecoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new UndecodableEventException("written with a schema this version does not know; upgrade casetrail", e);
        } catch (BadHeaderException e) {
            throw new UndecodableEventException("not an Avro single-object encoded case event", e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException("corrupt case event: " + e.getClass().getSimpleName(), e);
        }
    }

    public RejectedRecord decodeRejected(byte[] bytes) throws UndecodableEventException {
        try {
            return rejectDecoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException("corrupt reject record: " + e.getClass().getSimpleName(), e);
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
