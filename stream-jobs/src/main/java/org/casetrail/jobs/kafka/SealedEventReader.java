package org.casetrail.jobs.kafka;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.casetrail.jobs.flink.LogNotice;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.journey.CaseHash;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * What the job makes of one record of the events topic: opens a sealed one with its case's data
 * key, then keeps its content as it is ({@link LoggedEvent}): here only its header, case and date
 * are read, and the whole record only when its case folds. Its position goes with it: the latest
 * version of a record is the one at the highest offset of its case's partition. A sealed event is
 * grouped by its record key (one per woman, derived from her data key), which is also what her
 * erasure carries; an unsealed one, of a log written before sealing, by its pseudonym.
 *
 * <p>A record that cannot be opened, because its key is gone or it was changed, becomes a notice
 * that is counted, never an event. So does one that casetrail wrote (it carries the key-fingerprint
 * header, which ingest puts on every event it seals, and erase on every erasure) whose first bytes
 * were changed into no record of the log: a tampered event is a counted skip, never a stop. Bytes that
 * are no record of the log at all stop the job: the log is the system of record and is never
 * silently skipped over.
 *
 * <p>No Flink or Kafka here: the source's deserializer ({@link CaseEventDeserializer}) hands over
 * each record's key, value and offset. An instance reuses its cipher and decoder: one per thread.
 */
public final class SealedEventReader {

    private final Function<String, CaseDataKey> keys;
    private final Consumer<String> erased;
    private final LogRecordOpener opener = new LogRecordOpener();
    private final CaseEventCodec codec = new CaseEventCodec();
    private long plainEvents;

    /**
     * @param keys a case's data key by its record key, or null when there is none (any more)
     * @param erased told the record key of every erasure read, so that its key is not used again
     *     before its tombstone is read
     */
    public SealedEventReader(Function<String, CaseDataKey> keys, Consumer<String> erased) {
        this.keys = keys;
        this.erased = erased;
    }

    /**
     * The event a record holds, or the notice in its place.
     *
     * @param recordKey the record's Kafka key, null when it has none
     * @param sealedByIngest whether the record carries the key-fingerprint header of a sealed event
     * @param position the record's offset in its partition
     * @throws UnreadableRecordException when the value is no record of the log, and was not sealed by ingest
     */
    public LoggedEvent read(byte[] recordKey, byte[] value, boolean sealedByIngest, long position)
            throws UnreadableRecordException {
        return read(recordKey, value, () -> sealedByIngest, position);
    }

    /**
     * As {@link #read(byte[], byte[], boolean, long)}, asking whether the record carries the header
     * only of a record that did not open: Kafka decodes a header's name the first time it is asked
     * for, work that a sealed record, opened by its key, does not need.
     */
    public LoggedEvent read(byte[] recordKey, byte[] value, BooleanSupplier sealedByIngest, long position)
            throws UnreadableRecordException {
        LogRecordOpener.Opened opened = opener.open(SealedRecord.Kind.EVENT, recordKey, value, keys);
        return switch (opened.outcome()) {
            case OPENED -> event(opened, position);
            case PLAIN -> {
                if (sealedByIngest.getAsBoolean() && !decodes(opened.content())) {
                    // Its marker byte turned into Avro's (0xCE into 0xC3, before the event kind's 01).
                    yield notice(opened, position, LogNotice.TAMPERED);
                }
                plainEvents++;
                yield event(opened, position);
            }
            case ERASURE -> {
                erased.accept(opened.recordKey());
                yield notice(opened, position, LogNotice.ERASURE);
            }
            case NO_DATA_KEY -> notice(opened, position, LogNotice.NO_DATA_KEY);
            case TAMPERED -> notice(opened, position, LogNotice.TAMPERED);
            case UNKNOWN -> {
                if (sealedByIngest.getAsBoolean()) {
                    yield notice(opened, position, LogNotice.TAMPERED);
                }
                throw new UnreadableRecordException(
                        "is not an Avro single-object encoded case event, nor a sealed one");
            }
        };
    }

    /** How many unsealed events were read: a log not yet converted, which erasure cannot reach. */
    public long plainEvents() {
        return plainEvents;
    }

    private LoggedEvent event(LogRecordOpener.Opened opened, long position) throws UnreadableRecordException {
        try {
            CaseEventCodec.Heading heading = codec.heading(opened.content());
            long caseHash = opened.outcome() == LogRecordOpener.Outcome.OPENED
                    ? CaseHash.of(opened.recordKey())
                    : CaseHash.of(heading.casePseudonym());
            return new LoggedEvent(caseHash, heading.occurredOnEpochDay(), position, opened.content());
        } catch (CaseEventCodec.UndecodableEventException e) {
            throw new UnreadableRecordException("is " + e.getMessage());
        }
    }

    private boolean decodes(byte[] content) {
        try {
            codec.heading(content);
            return true;
        } catch (CaseEventCodec.UndecodableEventException e) {
            return false;
        }
    }

    private static LoggedEvent notice(LogRecordOpener.Opened opened, long position, LogNotice notice) {
        long caseHash = opened.recordKey() == null ? 0 : CaseHash.of(opened.recordKey());
        return LoggedEvent.notice(caseHash, position, notice);
    }

    /** A record that is no record of the log: the job stops. Its message names no content, only what is wrong. */
    public static final class UnreadableRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableRecordException(String reason) {
            super(reason);
        }
    }
}
