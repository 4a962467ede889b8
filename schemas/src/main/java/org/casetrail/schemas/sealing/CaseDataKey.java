package org.casetrail.schemas.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One woman's data key: 256 random bits that seal everything the event log keeps of her
 * ({@link SealedRecord}). It lives only in the case-keys topic; destroying it there is her
 * erasure. Nothing else derives it, so once it is gone her records cannot be read or told apart
 * as hers, even with the pseudonymization key and her case id.
 *
 * <p>Her records' Kafka key is derived from it ({@link #recordKey()}), not from her pseudonym:
 * it keeps her events in one partition while the key lives, and names no one after.
 */
public final class CaseDataKey {

    public static final int KEY_BYTES = 32;
    private static final byte[] RECORD_KEY_LABEL = "casetrail record key v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A job reads every key of the log when it starts: one MAC per thread, not one per key. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    });

    /** The key's only copy here: a woman's key is held for the whole of an ingest or a replay, so held once. */
    private final SecretKeySpec aesKey;

    private final String recordKey;

    /** Takes a copy of the key and wipes the one given, which only its callers below hold. */
    private CaseDataKey(byte[] key) {
        this.aesKey = new SecretKeySpec(key, "AES");
        this.recordKey = recordKeyOf(key);
        Arrays.fill(key, (byte) 0);
    }

    /** A fresh key from the JDK's strong random source. */
    public static CaseDataKey create() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new CaseDataKey(key);
    }

    public static CaseDataKey of(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a case data key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new CaseDataKey(key.clone());
    }

    /** The Kafka record key of her events, rejects and erasure: 32 hex digits of a keyed hash under this key. */
    public String recordKey() {
        return recordKey;
    }

    public byte[] recordKeyBytes() {
        return recordKey.getBytes(StandardCharsets.US_ASCII);
    }

    SecretKeySpec aesKey() {
        return aesKey;
    }

    /** The key itself, as the case-keys topic stores it. */
    public byte[] bytes() {
        return aesKey.getEncoded();
    }

    private static String recordKeyOf(byte[] key) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(RECORD_KEY_LABEL), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseDataKey other && aesKey.equals(other.aesKey);
    }

    @Override
    public int hashCode() {
        return recordKey.hashCode();
    }

    /** Never the key's bytes: its record key only. */
    @Override
    public String toString() {
        return "CaseDataKey[" + recordKey + "]";
    }
}
