package org.casetrail.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.SealedRecord;

/**
 * A test's event log as ingest writes it, with its case-keys topic: each woman's events sealed
 * with her own data key under her record key, in the order they are appended, and her erasure as
 * {@code casetrail erase} writes it (her key's tombstone, then the erasure record).
 */
public final class SealedLog {

    /**
     * One record of the events topic: its Kafka key and value, and whether it carries the
     * key-fingerprint header (ingest puts it on the events it seals; an erasure or an unsealed
     * event has none).
     */
    public record Record(byte[] key, byte[] value, boolean sealedByIngest) {}

    private final SealedRecord sealing = new SealedRecord();
    private final Map<String, CaseDataKey> byPseudonym = new HashMap<>();
    private final Map<String, CaseDataKey> keysTopic = new HashMap<>();
    private final List<Record> records = new ArrayList<>();

    /** Her data key, made the first time she is met, as ingest makes it. */
    public CaseDataKey keyOf(String casePseudonym) {
        return byPseudonym.computeIfAbsent(casePseudonym, p -> {
            CaseDataKey key = CaseDataKey.create();
            keysTopic.put(key.recordKey(), key);
            return key;
        });
    }

    public Record append(CaseEvent event) {
        CaseDataKey key = keyOf(event.getCasePseudonym());
        Record record = new Record(
                key.recordKeyBytes(),
                sealing.seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), CaseEventCodec.encode(event)),
                true);
        records.add(record);
        return record;
    }

    /** Her erasure record, under her record key; her key itself is destroyed by {@link #tombstone}. */
    public Record appendErasure(String casePseudonym) {
        Record record = new Record(keyOf(casePseudonym).recordKeyBytes(), SealedRecord.erasure(), false);
        records.add(record);
        return record;
    }

    /** Her key's tombstone in the case-keys topic, read. */
    public void tombstone(String casePseudonym) {
        keysTopic.remove(keyOf(casePseudonym).recordKey());
    }

    /** The case-keys topic as a reader holds it, by record key; a reader's erasures take keys out of it. */
    public Map<String, CaseDataKey> keysTopic() {
        return keysTopic;
    }

    public List<Record> records() {
        return records;
    }

    /** Every record as the job's source reads it, its index as its offset. */
    public List<LoggedEvent> read(SealedEventReader reader) throws SealedEventReader.UnreadableRecordException {
        List<LoggedEvent> read = new ArrayList<>();
        for (Record record : records) {
            read.add(reader.read(record.key(), record.value(), record.sealedByIngest(), read.size()));
        }
        return read;
    }

    /** An unsealed record of a log written before sealing: keyed by her pseudonym, the event as Avro. */
    public static Record plain(CaseEvent event) {
        return new Record(
                event.getCasePseudonym().getBytes(StandardCharsets.US_ASCII), CaseEventCodec.encode(event), false);
    }
}
