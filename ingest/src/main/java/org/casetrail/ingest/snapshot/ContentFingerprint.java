package org.casetrail.ingest.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Subject;

/**
 * What a snapshot compares of a pseudonymized event, in two parts: its content apart from its date,
 * and its date. A record that a snapshot dates (a status with no date column of its own) is
 * compared on the first part only, or every snapshot would date it anew (docs/sources.md,
 * "Snapshots"). Its date is {@link EventDate}: {@code occurred_on} and what is derived from it.
 *
 * <p>The event has nothing that varies from run to run (no ingest time), so its encoding is its
 * content: equal encodings, equal records. The content part is 64 bits of SHA-256 of the encoding
 * with the date blanked; a changed record taken for unchanged would need two of its versions to
 * share those 64 bits. Not thread-safe.
 */
final class ContentFingerprint {

    private static final LocalDate BLANK_DAY = LocalDate.EPOCH;

    private final MessageDigest sha256;

    ContentFingerprint() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }

    /** The content apart from the date. */
    long apartFromDate(CaseEvent event) {
        LocalDate day = event.getOccurredOn();
        Subject subject = event.getSubject();
        AgeBand band = subject == null ? null : subject.getAgeBand();
        Boolean minor = subject == null ? null : subject.getMinor();
        // Blanked in place and put back rather than copied: this runs for every event of the source in
        // the log, and a copy of an Avro record is a deep one.
        event.setOccurredOn(BLANK_DAY);
        if (subject != null) {
            subject.setAgeBand(AgeBand.UNKNOWN);
            subject.setMinor(null);
        }
        try {
            byte[] digest = sha256.digest(CaseEventCodec.encode(event));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } finally {
            event.setOccurredOn(day);
            if (subject != null) {
                subject.setAgeBand(band);
                subject.setMinor(minor);
            }
        }
    }
}
