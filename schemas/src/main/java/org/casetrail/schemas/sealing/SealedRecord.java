package org.casetrail.schemas.sealing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The value of a sealed event-log record: a marker byte, its {@link Kind}, a 12-byte IV, then the content encrypted and authenticated with AES-256-GCM under the woman's
 * {@link CaseDataKey}. The associated data is the marker, the kind and the record's Kafka key, so a
 * sealed value moved under another record, or passed off as another kind, fails to open as surely
 * as one with a byte changed.
 *
 * <p>An erasure is a value of its own, two bytes with no content, under her record key: it tells a
 * running job to drop her, and a replay to count her as erased.
 *
 * <p>The IV is the deterministic construction of NIST SP 800-38D, 8.2.1: 8 bytes drawn at random
 * by each instance, then a 4-byte count of the values it sealed. AES-GCM fails open if one key ever
 * seals two values under one IV; within an instance the count never repeats (a new random field is
 * drawn before it would), and two instances, in any two ingests that seal for the same woman, share
 * an IV only if their 64 random bits are equal. A random 12-byte IV per value would be as safe, but
 * asked the JDK's DRBG for every record, a fifth of what sealing cost ingest.
 *
 * <p>An instance reuses its cipher: one per thread.
 */
public final class SealedRecord {

    /** First byte of every value this class writes; Avro's single-object encoding starts with C3 01. */
    public static final byte MARKER = (byte) 0xCE;

    private static final int IV_BYTES = 12;
    private static final int IV_RANDOM_BYTES = 8;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 2;

    /** What a value of the event log is, from its first bytes alone. */
    public enum Kind {
        /** An event as Avro, unsealed: a log written before sealing, or one not yet converted. */
        PLAIN_EVENT((byte) 0),
        EVENT((byte) 1),
        REJECT((byte) 2),
        ERASURE((byte) 3),
        /** The pseudonym a data key belongs to, in the case-keys topic. */
        KEY_OWNER((byte) 4),
        /** Neither Avro nor a sealed value. */
        UNKNOWN((byte) -1);

        private final byte code;

        Kind(byte code) {
            this.code = code;
        }
    }

    private static final byte[] ERASURE_VALUE = {MARKER, Kind.ERASURE.code};

    private final Cipher cipher;
    private final SecureRandom random;
    private final byte[] ivField = new byte[IV_RANDOM_BYTES];
    /** Values sealed under the current random field; a new field is drawn before it wraps. */
    private long invocations = 1L << 32;

    public SealedRecord() {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            this.random = SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM or its DRBG", e);
        }
    }

    public static Kind kindOf(byte[] value) {
        if (value == null || value.length < HEADER_BYTES) {
            return Kind.UNKNOWN;
        }
        if (value[0] == (byte) 0xC3 && value[1] == (byte) 0x01) {
            return Kind.PLAIN_EVENT;
        }
        if (value[0] != MARKER) {
            return Kind.UNKNOWN;
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.PLAIN_EVENT && kind != Kind.UNKNOWN && kind.code == value[1]) {
                return kind == Kind.ERASURE && value.length != HEADER_BYTES ? Kind.UNKNOWN : kind;
            }
        }
        return Kind.UNKNOWN;
    }

    /** The value that erases the woman whose records carry this record key. */
    public static byte[] erasure() {
        return ERASURE_VALUE.clone();
    }

    public byte[] seal(CaseDataKey key, Kind kind, byte[] recordKey, byte[] content) {
        if (kind == Kind.PLAIN_EVENT || kind == Kind.ERASURE || kind == Kind.UNKNOWN) {
            throw new IllegalArgumentException(kind + " has no sealed content");
        }
        byte[] sealed = new byte[HEADER_BYTES + IV_BYTES + content.length + TAG_BITS / 8];
        sealed[0] = MARKER;
        sealed[1] = kind.code;
        writeIv(sealed, HEADER_BYTES);
        try {
            cipher.init(
                    Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, sealed, HEADER_BYTES, IV_BYTES));
            cipher.updateAAD(sealed, 0, HEADER_BYTES);
            cipher.updateAAD(recordKey);
            cipher.doFinal(content, 0, content.length, sealed, HEADER_BYTES + IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to seal", e);
        }
        return sealed;
    }

    private void writeIv(byte[] into, int at) {
        if (invocations == 1L << 32) {
            random.nextBytes(ivField);
            invocations = 0;
        }
        System.arraycopy(ivField, 0, into, at, IV_RANDOM_BYTES);
        int count = (int) invocations++;
        for (int i = 0; i < 4; i++) {
            into[at + IV_RANDOM_BYTES + i] = (byte) (count >>> (24 - 8 * i));
        }
    }

    /**
     * The content of a sealed value of this kind under this record key.
     *
     * @throws TamperedRecordException when the value was changed, moved or is of another kind, or
     *     the key is not the one it was sealed with
     */
    public byte[] open(CaseDataKey key, Kind kind, byte[] recordKey, byte[] sealed) throws TamperedRecordException {
        if (sealed.length < HEADER_BYTES + IV_BYTES + TAG_BITS / 8 || kindOf(sealed) != kind) {
            throw new TamperedRecordException("not a sealed " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            cipher.init(
                    Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, sealed, HEADER_BYTES, IV_BYTES));
            cipher.updateAAD(sealed, 0, HEADER_BYTES);
            cipher.updateAAD(recordKey);
            int start = HEADER_BYTES + IV_BYTES;
            return cipher.doFinal(sealed, start, sealed.length - start);
        } catch (AEADBadTagException e) {
            throw new TamperedRecordException(
                    "its authentication tag does not match (changed, moved, or another key's)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to open", e);
        }
    }

    /** A sealed value that does not open. Its message never holds content. */
    public static final class TamperedRecordException extends Exception {
        public TamperedRecordException(String message) {
            super(message);
        }
    }
}
