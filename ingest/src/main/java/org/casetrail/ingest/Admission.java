package org.casetrail.ingest;

import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * Which of the records ingest accepts it writes to the event log: every one, or only a snapshot's
 * difference from what the log holds (docs/sources.md, "Snapshots").
 */
public interface Admission {

    /** Every accepted record is written: ingest without {@code --snapshot}. */
    Admission EVERY_RECORD = new Admission() {
        @Override
        public boolean admit(CaseEvent event, ExportRecord from) {
            return true;
        }

        @Override
        public void rejected(RejectedRecord reject) {}
    };

    /**
     * Whether to write an accepted event; it may also change the event before it is written (a
     * snapshot gives a record it dated the date the log already gave it).
     */
    boolean admit(CaseEvent event, ExportRecord from);

    /** A record that was rejected, and goes to the reject channel. */
    void rejected(RejectedRecord reject);
}
