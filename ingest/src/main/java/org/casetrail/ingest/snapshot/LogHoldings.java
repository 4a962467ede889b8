package org.casetrail.ingest.snapshot;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.casetrail.ingest.IngestException;

/**
 * What the event log holds from the sources of a snapshot: every record of theirs, by case and
 * event id, with its latest version and whether a void deleted it since. Built from the log's
 * events in offset order within each partition, as the replay reads them; events of other
 * sources are passed over. An event names its {@code source} in clear, so a source's records are
 * known by it.
 */
public final class LogHoldings {

    private final List<String> sources;
    private final ComparedEventReader reader;
    private final Map<RecordKey, HeldRecord> records = new HashMap<>();
    private long eventsOfSources;

    /**
     * @param sources the sources the snapshot holds the whole state of
     * @param keyFingerprint the fingerprint of the key this ingest pseudonymizes with
     */
    public LogHoldings(Collection<String> sources, String keyFingerprint) {
        this.sources = List.copyOf(new TreeSet<>(sources));
        this.reader = new ComparedEventReader(this.sources, keyFingerprint);
    }

    /** The sources, in alphabetical order. */
    public List<String> sources() {
        return sources;
    }

    /**
     * Takes one event of the log.
     *
     * @param position its offset in its partition
     * @param record the event as the log holds it (Avro single-object encoding)
     * @throws IngestException when the event is of one of the sources but made with another key, or
     *     is no case event: compared with it, every record would look new
     */
    public void add(long position, byte[] record) {
        ComparedEvent event = reader.read(record);
        if (event == null) {
            return;
        }
        eventsOfSources++;
        if (event.voided() != null) {
            held(event.source(), event.voided()).voided(position);
        }
        held(event.source(), event.key()).version(position, event.content(), event.date(), event.isVoid());
    }

    /** Events read of the snapshot's sources. */
    public long eventsOfSources() {
        return eventsOfSources;
    }

    /** Records of the sources, standing or not. */
    public int records() {
        return records.size();
    }

    HeldRecord get(RecordKey key) {
        return records.get(key);
    }

    HeldRecord held(int source, RecordKey key) {
        return records.computeIfAbsent(key, k -> new HeldRecord(sources.get(source)));
    }

    Map<RecordKey, HeldRecord> all() {
        return records;
    }

    ComparedEventReader reader() {
        return reader;
    }

    boolean holdsSource(String source) {
        return sources.contains(source);
    }
}
