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
 *
 * <p>Held for every woman of the log for a whole ingest, so kept small: her latest key by
 * pseudonym, her pseudonym by record key, and a list only for the rare woman with two keys. Each
 * object held per woman is copied by the young collections before it settles, and the ring's
 * objects were a large part of what sealing cost ingest in collections (bench/PROFILE.md).
 */
public final class CaseKeyRing {

    private final Map<String, CaseDataKey> latest = new ConcurrentHashMap<>();
    /** The keys a case had before its latest, oldest first; only for the cases that have some. */
    private final Map<String, List<CaseDataKey>> earlier = new ConcurrentHashMap<>();

    private final Map<String, String> ownerOf = new ConcurrentHashMap<>();
    private final SealedRecord sealing = new SealedRecord();

    /** Takes in one record of the case-keys topic, in topic order; a null value is an erasure. */
    public synchronized void read(String recordKey, byte[] value) {
        if (value == null) {
            String owner = ownerOf.remove(recordKey);
            if (owner != null) {
                forget(owner, recordKey);
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

    private void forget(String owner, String recordKey) {
        List<CaseDataKey> left = new ArrayList<>(earlier.getOrDefault(owner, List.of()));
        left.removeIf(k -> k.recordKey().equals(recordKey));
        CaseDataKey current = latest.get(owner);
        if (current != null && current.recordKey().equals(recordKey)) {
            if (left.isEmpty()) {
                latest.remove(owner);
            } else {
                latest.put(owner, left.remove(left.size() - 1));
            }
        }
        keepEarlier(owner, left);
    }

    private void keepEarlier(String casePseudonym, List<CaseDataKey> keys) {
        if (keys.isEmpty()) {
            earlier.remove(casePseudonym);
        } else {
            earlier.put(casePseudonym, List.copyOf(keys));
        }
    }

    /** The key new records of this case are sealed with, if the case has one. */
    public Optional<CaseDataKey> keyOf(String casePseudonym) {
        return Optional.ofNullable(latest.get(casePseudonym));
    }

    /** Every key of this case, oldest first: what an erasure destroys. */
    public synchronized List<CaseDataKey> keysOf(String casePseudonym) {
        List<CaseDataKey> all = new ArrayList<>(earlier.getOrDefault(casePseudonym, List.of()));
        CaseDataKey last = latest.get(casePseudonym);
        if (last != null) {
            all.add(last);
        }
        return List.copyOf(all);
    }

    /** Asked for every record a log read-back opens: her latest key first, and no list copied. */
    public synchronized Optional<CaseDataKey> forRecordKey(String recordKey) {
        String owner = ownerOf.get(recordKey);
        if (owner == null) {
            return Optional.empty();
        }
        CaseDataKey last = latest.get(owner);
        if (last != null && last.recordKey().equals(recordKey)) {
            return Optional.of(last);
        }
        for (CaseDataKey key : earlier.getOrDefault(owner, List.of())) {
            if (key.recordKey().equals(recordKey)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** A key made for a case new to the log; the caller writes it to the case-keys topic. */
    public synchronized CaseDataKey create(String casePseudonym) {
        CaseDataKey key = CaseDataKey.create();
        add(casePseudonym, key);
        return key;
    }

    public byte[] recordOf(String casePseudonym, CaseDataKey key) {
        return CaseKeyRecord.value(key, casePseudonym, sealing);
    }

    /** Her key, now her latest; a key she had already moves to the end, as it is read again. */
    private void add(String casePseudonym, CaseDataKey key) {
        ownerOf.put(key.recordKey(), casePseudonym);
        CaseDataKey previous = latest.put(casePseudonym, key);
        List<CaseDataKey> before = earlier.get(casePseudonym);
        if ((previous == null || previous.equals(key)) && before == null) {
            return;
        }
        List<CaseDataKey> older = new ArrayList<>(before == null ? List.of() : before);
        older.remove(key);
        if (previous != null && !previous.equals(key)) {
            older.add(previous);
        }
        keepEarlier(casePseudonym, older);
    }

    public int cases() {
        return latest.size();
    }
}
