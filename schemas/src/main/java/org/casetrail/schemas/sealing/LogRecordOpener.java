package org.casetrail.schemas.sealing;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Turns one record of the events or rejects topic into what a reader can use: the Avro content of
 * a sealed record whose key still exists, the content of an unsealed one as it is, or the reason
 * there is none. The same rules for the job, the snapshot read-back and the checks, so that they
 * skip and count alike.
 *
 * <p>An instance reuses its cipher: one per thread.
 */
public final class LogRecordOpener {

    /** What became of a record. */
    public enum Outcome {
        /** Content opened with its case's key. */
        OPENED,
        /** Content written before sealing, as it is. */
        PLAIN,
        /** A woman's erasure: no content. */
        ERASURE,
        /** Sealed under a key the case-keys topic no longer holds (erased), or never held (a crashed ingest's). */
        NO_DATA_KEY,
        /** Sealed (it starts with the marker), but changed, moved or of another kind: its tag or kind does not match. */
        TAMPERED,
        /** Neither a sealed value nor Avro. */
        UNKNOWN
    }

    /**
     * @param content the Avro bytes, for {@link Outcome#OPENED} and {@link Outcome#PLAIN} only
     * @param recordKey the Kafka key as text, null when the record has none
     */
    public record Opened(Outcome outcome, byte[] content, String recordKey) {

        public boolean readable() {
            return outcome == Outcome.OPENED || outcome == Outcome.PLAIN;
        }
    }

    private final SealedRecord sealing = new SealedRecord();

    /**
     * @param kind what the topic holds: {@link SealedRecord.Kind#EVENT} or {@link SealedRecord.Kind#REJECT}
     * @param keys a case's data key by its record key, or null when there is none
     */
    public Opened open(SealedRecord.Kind kind, byte[] recordKey, byte[] value, Function<String, CaseDataKey> keys) {
        String key = recordKey == null ? null : new String(recordKey, StandardCharsets.US_ASCII);
        SealedRecord.Kind found = SealedRecord.kindOf(value);
        if (found == SealedRecord.Kind.PLAIN_EVENT) {
            return new Opened(Outcome.PLAIN, value, key);
        }
        if (found == SealedRecord.Kind.ERASURE && key != null) {
            return new Opened(Outcome.ERASURE, null, key);
        }
        if (found != kind || key == null) {
            // A value with the sealed marker whose kind byte was changed to no kind is as sealed as one
            // changed to another kind.
            boolean sealed = found != SealedRecord.Kind.UNKNOWN
                    || value != null && value.length > 0 && value[0] == SealedRecord.MARKER;
            return new Opened(sealed ? Outcome.TAMPERED : Outcome.UNKNOWN, null, key);
        }
        CaseDataKey dataKey = keys.apply(key);
        if (dataKey == null) {
            return new Opened(Outcome.NO_DATA_KEY, null, key);
        }
        try {
            return new Opened(Outcome.OPENED, sealing.open(dataKey, kind, recordKey, value), key);
        } catch (SealedRecord.TamperedRecordException e) {
            return new Opened(Outcome.TAMPERED, null, key);
        }
    }
}
