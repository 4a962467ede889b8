package org.casetrail.schemas.perturbation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The cell key method's keys (as ONS and ABS use it): every woman has a secret record key in
 * [1, {@link #RANGE}); a published count's cell key is the sum of its women's record keys, shifted
 * by a number derived from the column's name, modulo {@link #RANGE}. The same women in the same
 * column give the same cell key wherever they are counted (any row, table, rollup level or
 * release), so they get the same noise and subtracting two publications reveals nothing.
 *
 * <p>Record keys start at 1, not 0: a woman with record key 0 would join or leave a cell without
 * changing its key.
 */
public final class CellKey {

    /** Record keys and cell keys lie in [0, RANGE); ONS uses 4096 for administrative data. */
    public static final int RANGE = 4096;

    private CellKey() {}

    /**
     * @param recordKeySum the plain sum of the record keys of the women the count counts (0 for none)
     */
    public static int of(String column, long recordKeySum) {
        return Math.floorMod(recordKeySum + columnShift(column), RANGE);
    }

    /** A public, fixed number per column name, so two columns over the same women get unrelated noise. */
    static int columnShift(String column) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(column.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 8 | (digest[1] & 0xff)) % RANGE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A record key from 8 bytes of a keyed hash of the woman's pseudonym: uniform in [1, RANGE). */
    public static int recordKey(byte[] keyedHash) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (keyedHash[i] & 0xff);
        }
        return 1 + (int) Math.floorMod(bits, (long) RANGE - 1);
    }
}
