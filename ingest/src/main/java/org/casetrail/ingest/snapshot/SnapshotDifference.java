package org.casetrail.ingest.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casetrail.ingest.Admission;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.RejectedRecord;
import org.casetrail.schemas.event.VoidDetails;

/**
 * A snapshot's difference from what the event log holds of its sources (docs/sources.md,
 * "Snapshots"), in the manner of dbt's snapshots with the check strategy and hard deletes
 * invalidated: each record of the snapshot is compared with the log's latest version of it, and
 * only what differs is written; a record the log holds that the snapshot no longer has is deleted by
 * a void. The log's own rules decide what it holds (docs/journeys.md, "Corrections"): the latest
 * version of a record counts, and a void deletes it until a later version brings it back.
 *
 * <ul>
 *   <li>A record the log does not hold, or holds deleted, is <b>new</b>: written.
 *   <li>One the log holds with other content is <b>changed</b>: written, a new version.
 *   <li>One the log holds as it is, is <b>unchanged</b>: not written. A record that the snapshot
 *       dated (a status with no date column) is compared apart from its date; when it changed
 *       otherwise, its new version keeps the date the log gave it.
 *   <li>One the log holds and the snapshot does not is <b>voided</b>: {@link #voids} deletes it.
 *   <li>A rejected row leaves its record as the log holds it, neither changed nor voided: a typo in
 *       a cell does not delete a woman's record.
 *   <li>An {@code EVENT_VOIDED} record in a snapshot (a contract export's) is no part of the
 *       source's state: it takes the record it names out of the snapshot, which is then voided as
 *       gone if the log holds it. It is not written itself.
 * </ul>
 */
public final class SnapshotDifference implements Admission {

    /** What a snapshot did to the log. */
    public record Tally(long added, long changed, long unchanged, long voided, long keptRejected) {

        /** {@code new N, changed C, unchanged U, voided V}. */
        public String line() {
            return "new " + added + ", changed " + changed + ", unchanged " + unchanged + ", voided " + voided
                    + (keptRejected == 0 ? "" : " (" + keptRejected + " rejected records left as logged)");
        }
    }

    private final LogHoldings held;
    private final Set<RecordKey> voidedInSnapshot;
    private long added;
    private long changed;
    private long unchanged;
    private long voided;
    private long keptRejected;

    /**
     * @param held what the log holds of the snapshot's sources
     * @param voidedInSnapshot the records that voids in the snapshot itself take out of it
     */
    SnapshotDifference(LogHoldings held, Set<RecordKey> voidedInSnapshot) {
        this.held = held;
        this.voidedInSnapshot = Set.copyOf(voidedInSnapshot);
    }

    public SnapshotDifference(LogHoldings held) {
        this(held, Set.of());
    }

    @Override
    public boolean admit(CaseEvent event, ExportRecord from) {
        return admit(event, from.datedBySnapshot());
    }

    /**
     * Whether a record of the snapshot is written.
     *
     * @param datedBySnapshot its date is the snapshot's, for want of a date in the export
     */
    public boolean admit(CaseEvent event, boolean datedBySnapshot) {
        if (event.getType() == EventType.EVENT_VOIDED) {
            return false;
        }
        ComparedEvent compared = held.reader().read(event);
        if (compared == null) {
            throw new IllegalStateException("a record of a source the snapshot was not compared for");
        }
        if (voidedInSnapshot.contains(compared.key())) {
            return false;
        }
        HeldRecord record = held.held(compared.source(), compared.key());
        record.inSnapshot = true;
        EventDate date = compared.date();
        if (!record.standing()) {
            added++;
        } else if (record.content == compared.content()
                && (datedBySnapshot || record.date().equals(date))) {
            unchanged++;
            return false;
        } else {
            changed++;
            if (datedBySnapshot) {
                date = record.date();
                date.applyTo(event);
            }
        }
        record.version(HeldRecord.APPENDED, compared.content(), date, false);
        return true;
    }

    @Override
    public void rejected(RejectedRecord reject) {
        if (reject.getSource() == null
                || reject.getEventId() == null
                || reject.getCasePseudonym() == null
                || !held.holdsSource(reject.getSource())) {
            return;
        }
        HeldRecord record = held.get(RecordKey.of(reject.getCasePseudonym(), reject.getEventId()));
        if (record != null && record.standing() && !record.inSnapshot) {
            record.inSnapshot = true;
            keptRejected++;
        }
    }

    /**
     * The voids of every record the log holds standing and the snapshot does not have, in the order
     * of their cases and ids. Each names the gone record's id under its case, has an id made from it
     * (so a run made again writes the same void), and the date of the record it deletes: a deletion
     * is no event of her journey, and does not move a release's default {@code as_of}.
     */
    public List<CaseEvent> voids(Pseudonymizer pseudonyms) {
        List<Map.Entry<RecordKey, HeldRecord>> gone = new ArrayList<>();
        for (Map.Entry<RecordKey, HeldRecord> entry : held.all().entrySet()) {
            HeldRecord record = entry.getValue();
            if (record.standing() && !record.inSnapshot) {
                gone.add(entry);
            }
        }
        gone.sort(Map.Entry.comparingByKey(Comparator.comparingLong(RecordKey::caseHigh)
                .thenComparingLong(RecordKey::caseLow)
                .thenComparingLong(RecordKey::eventHigh)
                .thenComparingLong(RecordKey::eventLow)));
        List<CaseEvent> voids = new ArrayList<>(gone.size());
        for (Map.Entry<RecordKey, HeldRecord> entry : gone) {
            RecordKey key = entry.getKey();
            HeldRecord record = entry.getValue();
            String voidedId = key.eventId();
            voids.add(CaseEvent.newBuilder()
                    .setEventId(pseudonyms.snapshotVoidId(record.source, voidedId))
                    .setCasePseudonym(key.casePseudonym())
                    .setSource(record.source)
                    .setType(EventType.EVENT_VOIDED)
                    .setOccurredOn(record.date().day())
                    .setKeyFingerprint(pseudonyms.keyFingerprint())
                    .setDetails(new VoidDetails(voidedId))
                    .build());
            record.voided(HeldRecord.APPENDED);
        }
        voided += voids.size();
        return voids;
    }

    public Tally tally() {
        return new Tally(added, changed, unchanged, voided, keptRejected);
    }
}
