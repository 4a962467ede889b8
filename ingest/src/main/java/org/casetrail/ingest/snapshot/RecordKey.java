package org.casetrail.ingest.snapshot;

import java.util.HexFormat;

/**
 * One record as the event log holds it: an event id within a woman's case. A void deletes a
 * record within its case only (docs/journeys.md, "Corrections"), so a record sent under two case
 * ids is two records here, as it is in the journeys. Kept as the 128 bits of both pseudonyms rather
 * than their text, so that a log of millions of records is compared in little memory.
 */
record RecordKey(long caseHigh, long caseLow, long eventHigh, long eventLow) {

    private static final int PSEUDONYM_LENGTH = 32;

    /** @throws IllegalArgumentException when either is not a pseudonym (32 lowercase hex digits) */
    static RecordKey of(String casePseudonym, String eventId) {
        return new RecordKey(half(casePseudonym, 0), half(casePseudonym, 16), half(eventId, 0), half(eventId, 16));
    }

    String casePseudonym() {
        return hex(caseHigh, caseLow);
    }

    String eventId() {
        return hex(eventHigh, eventLow);
    }

    private static long half(String pseudonym, int from) {
        if (pseudonym.length() != PSEUDONYM_LENGTH) {
            throw new IllegalArgumentException("not a pseudonym");
        }
        long value = 0;
        for (int i = from; i < from + 16; i++) {
            char c = pseudonym.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("not a pseudonym");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static String hex(long high, long low) {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
