package org.casetrail.ingest.pseudonym;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 pseudonyms. Same key and input give the same pseudonym on any machine, so
 * re-ingesting an export never double-counts; without the key the ids cannot be reversed or
 * re-derived from a guessed case number.
 *
 * <p>Each kind of id is hashed in its own domain, and the fields are length-prefixed, so a case id
 * can never collide with an event id and ("ab","c") never collides with ("a","bc").
 * Not thread-safe: one instance per thread (a {@link Mac} holds state).
 */
public final class Pseudonymizer {

    /** 128 bits: enough that collisions never happen at any case-load, short enough to read. */
    private static final int PSEUDONYM_BYTES = 16;

    private final Mac mac;
    private final String keyFingerprint;
    // An export lists a case's records together, about twenty of them: the last case's pseudonym
    // is kept, which spares one of the two HMACs of most records.
    private String lastSource;
    private String lastCaseId;
    private String lastCasePseudonym;

    public Pseudonymizer(PseudonymKey key) {
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            this.mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable in this JVM", e);
        }
        this.keyFingerprint = key.fingerprint();
    }

    public String casePseudonym(String source, String caseId) {
        if (!caseId.equals(lastCaseId) || !source.equals(lastSource)) {
            lastCasePseudonym = pseudonym("case", source, caseId);
            lastSource = source;
            lastCaseId = caseId;
        }
        return lastCasePseudonym;
    }

    public String eventId(String source, String sourceEventId) {
        return pseudonym("event", source, sourceEventId);
    }

    /**
     * The event id of the void that deletes a record gone from a snapshot of its source
     * (docs/sources.md, "Snapshots"). Ingest knows such a record only by its pseudonymized id, so the
     * void is made from that id, in a domain of its own: the same gone record gives the same void on
     * every run, and no source_event_id can make it.
     */
    public String snapshotVoidId(String source, String voidedEventId) {
        return pseudonym("snapshot-void", source, voidedEventId);
    }

    public String legalCaseRef(String source, String legalCaseRef) {
        return pseudonym("legal-case", source, legalCaseRef);
    }

    public String keyFingerprint() {
        return keyFingerprint;
    }

    private String pseudonym(String domain, String source, String id) {
        mac.reset();
        update(domain);
        update(source);
        update(id);
        byte[] digest = mac.doFinal();
        return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    }

    private void update(String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }
}
