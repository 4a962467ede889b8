package org.casetrail.ingest.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.CaseKeyRecord;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * The data keys of the cases the log holds, as ingest knows them: by record key, as the case-keys
 * topic stores them, and by pseudonym, opened from each key record's sealed owner. A case has one
 * key; two ingests that met a new case at once may each have made one, and both are kept, the
 * later as the one new records are sealed with.
 */
public final class CaseKeyRing {

    private final Map<String, CaseDataKey> byRecordKey = new ConcurrentHashMap<>();
    private final Map<String, List<CaseDataKey>> byPseudonym = new ConcurrentHashMap<>();
    private final Map<String, String> ownerOf = new ConcurrentHashMap<>();
    private final SealedRecord sealing = new SealedRecord();

    /** Takes in one record of the case-keys topic, in topic order; a null value is an erasure. */
    public void read(String recordKey, byte[] value) {
        if (value == null) {
            CaseDataKey gone = byRecordKey.remove(recordKey);
            String owner = ownerOf.remove(recordKey);
            if (gone != null && owner != null) {
                byPseudonym.computeIfPresent(owner, (p, keys) -> {
                    List<CaseDataKey> left = new ArrayList<>(keys);
                    left.remove(gone);
                    return left.isEmpty() ? null : left;
                });
            }
            return;
        }
        try {
            CaseDataKey key = CaseKeyRecord.key(recordKey, value);
            String owner = CaseKeyRecord.owner(key, value, sealing);
            add(owner, key);
        } catch (IllegalArgumentException | SealedRecord.TamperedRecordException e) {
            throw new IngestException("the case-keys topic holds a record that is no case key (" + e.getMessage()
                    + "); it is written by casetrail only");
        }
    }

    /** The key new records of this case are sealed with, if the case has one. */
    public Optional<CaseDataKey> keyOf(String casePseudonym) {
        List<CaseDataKey> keys = byPseudonym.get(casePseudonym);
        return keys == null || keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
    }

    /** Every key of this case: what an erasure destroys. */
    public List<CaseDataKey> keysOf(String casePseudonym) {
        return List.copyOf(byPseudonym.getOrDefault(casePseudonym, List.of()));
    }

    public Optional<CaseDataKey> forRecordKey(String recordKey) {
        return Optional.ofNullable(byRecordKey.get(recordKey));
    }

    /** A key made for a case new to the log; the caller writes it to the case-keys topic. */
    public CaseDataKey create(String casePseudonym) {
        CaseDataKey key = CaseDataKey.create();
        add(casePseudonym, key);
        return key;
    }

    public byte[] recordOf(String casePseudonym, CaseDataKey key) {
        return CaseKeyRecord.value(key, casePseudonym, sealing);
    }

    private void add(String casePseudonym, CaseDataKey key) {
        byRecordKey.put(key.recordKey(), key);
        ownerOf.put(key.recordKey(), casePseudonym);
        byPseudonym.compute(casePseudonym, (p, keys) -> {
            List<CaseDataKey> all = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
            all.remove(key);
            all.add(key);
            return all;
        });
    }

    public int cases() {
        return byPseudonym.size();
    }
}
