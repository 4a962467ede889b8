package org.casetrail.schemas.sealing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record of the case-keys topic: its Kafka key is the woman's {@link CaseDataKey#recordKey()}, its
 * value a version byte, her data key, and her pseudonym sealed under that key (so that ingest can
 * find her key again from her pseudonym, and nothing can once the key is gone). Her erasure is a
 * tombstone under the same record key; compaction then removes the key's bytes from the brokers.
 */
public final class CaseKeyRecord {

    private static final byte VERSION = 1;

    private CaseKeyRecord() {}

    public static byte[] value(CaseDataKey key, String casePseudonym, SealedRecord sealing) {
        byte[] owner = sealing.seal(
                key,
                SealedRecord.Kind.KEY_OWNER,
                key.recordKeyBytes(),
                casePseudonym.getBytes(StandardCharsets.US_ASCII));
        byte[] value = new byte[1 + CaseDataKey.KEY_BYTES + owner.length];
        value[0] = VERSION;
        System.arraycopy(key.bytes(), 0, value, 1, CaseDataKey.KEY_BYTES);
        System.arraycopy(owner, 0, value, 1 + CaseDataKey.KEY_BYTES, owner.length);
        return value;
    }

    /**
     * The data key a record holds, checked against the record key it is stored under.
     *
     * @throws IllegalArgumentException when the value is no key record of this version, or holds a
     *     key whose record key is not the one it is stored under
     */
    public static CaseDataKey key(String recordKey, byte[] value) {
        if (value == null || value.length <= 1 + CaseDataKey.KEY_BYTES || value[0] != VERSION) {
            throw new IllegalArgumentException("not a case key record of version " + VERSION);
        }
        CaseDataKey key = CaseDataKey.of(Arrays.copyOfRange(value, 1, 1 + CaseDataKey.KEY_BYTES));
        if (!key.recordKey().equals(recordKey)) {
            throw new IllegalArgumentException("a case key record stored under another record key");
        }
        return key;
    }

    /** Whose the key is: her pseudonym, opened with the key itself. */
    public static String owner(CaseDataKey key, byte[] value, SealedRecord sealing)
            throws SealedRecord.TamperedRecordException {
        byte[] sealed = Arrays.copyOfRange(value, 1 + CaseDataKey.KEY_BYTES, value.length);
        return new String(
                sealing.open(key, SealedRecord.Kind.KEY_OWNER, key.recordKeyBytes(), sealed),
                StandardCharsets.US_ASCII);
    }
}
