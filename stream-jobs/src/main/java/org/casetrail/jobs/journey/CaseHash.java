package org.casetrail.jobs.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the jobs group a woman's events by: a 64-bit hash of her case pseudonym. A replay sorts
 * every event of the log by it, and Flink compares a key of a fixed 8 bytes within its sort
 * buffers, where a 32-character pseudonym is compared byte by byte whenever its first bytes tie
 * (as all of one case's do), and, carried as the key and again in the record, lengthens every
 * record it sorts and spills (bench/PROFILE.md, phase 7, has what either key costs).
 *
 * <p>Two pseudonyms may share a hash (about once in 30 million logs of a million women), so
 * whoever holds a hash's events folds them woman by woman ({@link #byCase}), never as one case.
 */
public final class CaseHash {

    private static final long SEED = 0x9e3779b97f4a7c15L;
    private static final long K1 = 0x87c37b91114253d5L;
    private static final long K2 = 0x4cf5ad432745937fL;

    private CaseHash() {}

    /**
     * The same value for the same pseudonym in every JVM: four characters at a time mixed as in
     * MurmurHash3's 64-bit body, then its finalizer. Every event of a replay is hashed once, so
     * four characters a multiplication, not one.
     */
    public static long of(String casePseudonym) {
        int length = casePseudonym.length();
        long h = SEED ^ length;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            long word = casePseudonym.charAt(i)
                    | (long) casePseudonym.charAt(i + 1) << 16
                    | (long) casePseudonym.charAt(i + 2) << 32
                    | (long) casePseudonym.charAt(i + 3) << 48;
            h = Long.rotateLeft(h ^ Long.rotateLeft(word * K1, 31) * K2, 27) * 5 + 0x52dce729;
        }
        for (; i < length; i++) {
            h = (h ^ casePseudonym.charAt(i)) * K1;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The log entries of one hash, case by case, in the order each case first appears. */
    public static Map<String, List<LogEntry>> byCase(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        String first = entries.get(0).event().getCasePseudonym();
        boolean oneCase = true;
        for (LogEntry entry : entries) {
            if (!first.equals(entry.event().getCasePseudonym())) {
                oneCase = false;
                break;
            }
        }
        if (oneCase) {
            return Map.of(first, entries);
        }
        Map<String, List<LogEntry>> cases = new LinkedHashMap<>();
        for (LogEntry entry : entries) {
            cases.computeIfAbsent(entry.event().getCasePseudonym(), p -> new ArrayList<>())
                    .add(entry);
        }
        return cases;
    }
}
