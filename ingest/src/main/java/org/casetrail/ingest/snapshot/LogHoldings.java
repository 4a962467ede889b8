package org.casetrail.ingest.snapshot;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.VoidDetails;

/**
 * What the event log holds from the sources of a snapshot: every record of theirs, by case and
 * event id, with its latest version and whether a void deleted it since. Built from the log's
 * events in offset order within each partition, as the replay reads them; events of other
 * sources are passed over. An event names its {@code source} in clear, so the source's records are
 * known by it.
 */
public final class LogHoldings {

    private final Set<String> sources;
    private final String keyFingerprint;
    private final Map<RecordKey, HeldRecord> records = new HashMap<>();
    private final ContentFingerprint fingerprint = new ContentFingerprint();
    private long eventsOfSources;

    /**
     * @param sources the sources the snapshot holds the whole state of
     * @param keyFingerprint the fingerprint of the key this ingest pseudonymizes with
     */
    public LogHoldings(Collection<String> sources, String keyFingerprint) {
        this.sources = Collections.unmodifiableSet(new TreeSet<>(sources));
        this.keyFingerprint = keyFingerprint;
    }

    public boolean holdsSource(String source) {
        return sources.contains(source);
    }

    public Set<String> sources() {
        return sources;
    }

    /**
     * Takes one event of the log.
     *
     * @param position its offset in its partition
     * @throws IngestException when the event is of one of the sources but made with another key, or
     *     holds ids that are no pseudonyms: compared with it, every record would look new
     */
    public void add(long position, CaseEvent event) {
        String source = event.getSource();
        if (!sources.contains(source)) {
            return;
        }
        eventsOfSources++;
        if (!keyFingerprint.equals(event.getKeyFingerprint())) {
            throw new IngestException("it holds events of source " + source
                    + " made with another pseudonymization key (fingerprint " + event.getKeyFingerprint()
                    + "; this key's is " + keyFingerprint + "): compared with them, every record of the snapshot would"
                    + " look new and every logged one gone. Use the key that made them");
        }
        if (event.getType() == EventType.EVENT_VOIDED) {
            if (event.getDetails() instanceof VoidDetails voided) {
                held(source, key(event.getCasePseudonym(), voided.getVoidedEventId()))
                        .voided(position);
            }
            return;
        }
        held(source, key(event.getCasePseudonym(), event.getEventId()))
                .version(position, fingerprint.apartFromDate(event), EventDate.of(event));
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

    HeldRecord held(String source, RecordKey key) {
        return records.computeIfAbsent(key, k -> new HeldRecord(canonical(source)));
    }

    Map<RecordKey, HeldRecord> all() {
        return records;
    }

    ContentFingerprint fingerprint() {
        return fingerprint;
    }

    /** One String per source, however many records name it. */
    private String canonical(String source) {
        for (String known : sources) {
            if (known.equals(source)) {
                return known;
            }
        }
        return source;
    }

    private static RecordKey key(String casePseudonym, String eventId) {
        try {
            return RecordKey.of(casePseudonym, eventId);
        } catch (IllegalArgumentException e) {
            throw new IngestException("it holds an event whose ids are not casetrail pseudonyms");
        }
    }
}
