package org.casetrail.ingest.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;

/**
 * Reads what a snapshot compares straight from an event's Avro bytes, without decoding it into a
 * record: a comparison reads every event of the log, and decoding one then encoding it again cost
 * most of the comparison's time (bench/PROFILE.md, "Snapshots"). An event of another source is
 * left after its third field.
 *
 * <p>The walk follows today's schema field by field (Avro writes a record's fields in schema order,
 * each self-delimiting); a record written with an older released schema is decoded and encoded
 * with today's first. The content is 64 bits of SHA-256 of the body without the fields of the date:
 * {@code occurred_on} and the subject's {@code age_band} and {@code minor}, which ingest derives
 * from it. Taking whole fields out leaves an encoding that still parses, so two different contents
 * never hash the same bytes. The event has nothing that varies from run to run (no ingest time): the
 * same record makes the same bytes. Not thread-safe.
 */
final class ComparedEventReader {

    private static final Schema SCHEMA = CaseEvent.getClassSchema();
    private static final int HEADER_LENGTH = 10;
    private static final long CURRENT_FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);
    private static final int EVENT_ID = SCHEMA.getField("event_id").pos();
    private static final int CASE_PSEUDONYM = SCHEMA.getField("case_pseudonym").pos();
    private static final int SOURCE = SCHEMA.getField("source").pos();
    private static final int TYPE = SCHEMA.getField("type").pos();
    private static final int VOIDED_TYPE = EventType.EVENT_VOIDED.ordinal();
    private static final int OCCURRED_ON = SCHEMA.getField("occurred_on").pos();
    private static final int KEY_FINGERPRINT =
            SCHEMA.getField("key_fingerprint").pos();
    private static final int SUBJECT = SCHEMA.getField("subject").pos();
    private static final int DETAILS = SCHEMA.getField("details").pos();
    private static final Schema SUBJECT_RECORD =
            nonNull(SCHEMA.getField("subject").schema());
    private static final int AGE_BAND = SUBJECT_RECORD.getField("age_band").pos();
    private static final int MINOR = SUBJECT_RECORD.getField("minor").pos();
    private static final String VOID_DETAILS = "VoidDetails";

    private final byte[][] sources;
    private final byte[][] keyFingerprint;
    private final MessageDigest sha256;
    private final CaseEventCodec codec = new CaseEventCodec();

    /**
     * @param sources the snapshot's sources: events of others are passed over
     * @param keyFingerprint the fingerprint every event of them must carry
     */
    ComparedEventReader(List<String> sources, String keyFingerprint) {
        this.sources =
                sources.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.keyFingerprint = new byte[][] {keyFingerprint.getBytes(StandardCharsets.UTF_8)};
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }

    /**
     * The event in a log record (Avro single-object encoding), or null when it is of none of the
     * sources.
     *
     * @throws IngestException when it is of one of them but made with another key, or cannot be read
     */
    ComparedEvent read(byte[] record) {
        if (writtenWithCurrentSchema(record)) {
            return walk(record, HEADER_LENGTH);
        }
        try {
            return walk(CaseEventCodec.encode(codec.decodeEvent(record)), HEADER_LENGTH);
        } catch (CaseEventCodec.UndecodableEventException e) {
            throw new IngestException(e.getMessage());
        }
    }

    /** The event as ingest is about to write it. */
    ComparedEvent read(CaseEvent event) {
        return walk(CaseEventCodec.encode(event), HEADER_LENGTH);
    }

    private ComparedEvent walk(byte[] bytes, int bodyStart) {
        Cursor at = new Cursor(bytes, bodyStart);
        try {
            Pseudonym eventId = null;
            Pseudonym casePseudonym = null;
            int source = -1;
            boolean isVoid = false;
            int day = 0;
            int age = -1;
            Pseudonym voided = null;
            // The fields of the date, left out of the content: [start, end) of each, -1 when absent.
            int[] dateFields = {-1, -1, -1, -1, -1, -1};
            List<Schema.Field> fields = SCHEMA.getFields();
            for (int i = 0; i < fields.size(); i++) {
                if (i == EVENT_ID) {
                    eventId = at.pseudonym();
                } else if (i == CASE_PSEUDONYM) {
                    casePseudonym = at.pseudonym();
                } else if (i == SOURCE) {
                    source = at.oneOf(sources);
                    if (source < 0) {
                        return null;
                    }
                } else if (i == TYPE) {
                    isVoid = at.varLong() == VOIDED_TYPE;
                } else if (i == OCCURRED_ON) {
                    dateFields[0] = at.position;
                    day = (int) at.varLong();
                    dateFields[1] = at.position;
                } else if (i == KEY_FINGERPRINT) {
                    int start = at.position;
                    if (at.oneOf(keyFingerprint) < 0) {
                        throw anotherKey(source, new Cursor(bytes, start).string());
                    }
                } else if (i == SUBJECT) {
                    age = subject(at, dateFields);
                } else if (i == DETAILS) {
                    voided = voided(at);
                } else {
                    at.skip(fields.get(i).schema());
                }
            }
            if (at.position != bytes.length) {
                throw new IllegalArgumentException("bytes after the event");
            }
            return new ComparedEvent(
                    source,
                    key(casePseudonym, eventId),
                    isVoid,
                    isVoid && voided != null ? key(casePseudonym, voided) : null,
                    new EventDate(day, age),
                    content(bytes, bodyStart, dateFields));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IngestException("it holds an event that is no casetrail case event");
        }
    }

    private static RecordKey key(Pseudonym casePseudonym, Pseudonym eventId) {
        return new RecordKey(casePseudonym.high(), casePseudonym.low(), eventId.high(), eventId.low());
    }

    private IngestException anotherKey(int source, String fingerprint) {
        return new IngestException("it holds events of source " + text(sources[source])
                + " made with another pseudonymization key (fingerprint " + fingerprint + "; this key's is "
                + text(keyFingerprint[0]) + "): compared with them, every record of the snapshot would look new and"
                + " every logged one gone. Use the key that made them");
    }

    /** Reads the subject's union; returns the age code of {@link EventDate}, or -1 without a subject. */
    private static int subject(Cursor at, int[] dateFields) {
        Schema union = SCHEMA.getFields().get(SUBJECT).schema();
        Schema branch = union.getTypes().get((int) at.varLong());
        if (branch.getType() != Schema.Type.RECORD) {
            return -1;
        }
        int band = 0;
        int minor = 0;
        List<Schema.Field> fields = branch.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (i == AGE_BAND) {
                dateFields[2] = at.position;
                band = (int) at.varLong();
                dateFields[3] = at.position;
            } else if (i == MINOR) {
                dateFields[4] = at.position;
                Schema value = fields.get(i).schema().getTypes().get((int) at.varLong());
                minor = value.getType() == Schema.Type.BOOLEAN ? (at.bytes[at.position++] != 0 ? 2 : 1) : 0;
                dateFields[5] = at.position;
            } else {
                at.skip(fields.get(i).schema());
            }
        }
        return band * 3 + minor;
    }

    /** Reads the details' union; returns, for a void's, the id of the record it voids. */
    private static Pseudonym voided(Cursor at) {
        Schema union = SCHEMA.getFields().get(DETAILS).schema();
        Schema branch = union.getTypes().get((int) at.varLong());
        if (!VOID_DETAILS.equals(branch.getName())) {
            at.skip(branch);
            return null;
        }
        Pseudonym voided = null;
        for (Schema.Field field : branch.getFields()) {
            if (field.name().equals("voided_event_id")) {
                voided = at.pseudonym();
            } else {
                at.skip(field.schema());
            }
        }
        return voided;
    }

    /** 64 bits of SHA-256 of the body from {@code from} to its end, the date's fields left out. */
    private long content(byte[] bytes, int from, int[] dateFields) {
        int start = from;
        for (int i = 0; i < dateFields.length; i += 2) {
            if (dateFields[i] >= 0) {
                sha256.update(bytes, start, dateFields[i] - start);
                start = dateFields[i + 1];
            }
        }
        sha256.update(bytes, start, bytes.length - start);
        byte[] digest = sha256.digest();
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
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

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The 128 bits of a pseudonym. */
    private record Pseudonym(long high, long low) {}

    /** A position in Avro binary data, and the reading of its values. */
    private static final class Cursor {
        final byte[] bytes;
        int position;

        Cursor(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        long varLong() {
            long raw = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[position++];
                raw |= (long) (b & 0x7F) << shift;
                shift += 7;
                if (shift > 63) {
                    throw new IllegalArgumentException("varint too long");
                }
            } while (b < 0);
            return (raw >>> 1) ^ -(raw & 1);
        }

        int length() {
            long length = varLong();
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalArgumentException("bad length");
            }
            return (int) length;
        }

        String string() {
            int length = length();
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        /** Which of the candidates the string here is, or -1; moves past it either way. */
        int oneOf(byte[][] candidates) {
            int length = length();
            int found = -1;
            for (int i = 0; i < candidates.length && found < 0; i++) {
                if (Arrays.equals(candidates[i], 0, candidates[i].length, bytes, position, position + length)) {
                    found = i;
                }
            }
            position += length;
            return found;
        }

        /** A pseudonym: 32 lowercase hex digits. */
        Pseudonym pseudonym() {
            if (length() != 32) {
                throw new IllegalArgumentException("not a pseudonym");
            }
            Pseudonym pseudonym = new Pseudonym(hex(position), hex(position + 16));
            position += 32;
            return pseudonym;
        }

        private long hex(int from) {
            long value = 0;
            for (int i = from; i < from + 16; i++) {
                int c = bytes[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("not a pseudonym");
                }
                value = (value << 4) | digit;
            }
            return value;
        }

        void skipBytes() {
            int length = length(); // read before the position it moves is added to
            position += length;
        }

        /** Moves past a value of this schema. */
        void skip(Schema schema) {
            switch (schema.getType()) {
                case NULL -> {}
                case BOOLEAN -> position++;
                case INT, LONG, ENUM -> varLong();
                case FLOAT -> position += 4;
                case DOUBLE -> position += 8;
                case STRING, BYTES -> skipBytes();
                case FIXED -> position += schema.getFixedSize();
                case RECORD -> schema.getFields().forEach(f -> skip(f.schema()));
                case UNION -> skip(schema.getTypes().get((int) varLong()));
                case ARRAY, MAP -> {
                    for (long count = varLong(); count != 0; count = varLong()) {
                        if (count < 0) {
                            count = -count;
                            varLong(); // the block's size in bytes
                        }
                        for (long i = 0; i < count; i++) {
                            if (schema.getType() == Schema.Type.MAP) {
                                skipBytes();
                                skip(schema.getValueType());
                            } else {
                                skip(schema.getElementType());
                            }
                        }
                    }
                }
            }
        }
    }
}
