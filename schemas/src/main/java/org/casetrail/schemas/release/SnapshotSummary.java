package org.casetrail.schemas.release;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one complete set of warehouse tables describes: its sequence number (live snapshots), its
 * as_of, the events its journeys were folded from, how it was protected, the women it counts,
 * each published table's rows, and the information loss of every table and rollup level. Written
 * beside the tables as {@code snapshot.json} by {@link SnapshotSummaryCodec}; a release's
 * manifest is built from it.
 *
 * @param asOf null when the log held no event yet
 * @param eventsSeen the events its journeys were folded from
 * @param unfolded the records read that no journey was folded from
 * @param tables by table name, in the order of the published tables
 * @param informationLoss by table name, then by rollup level name
 */
public record SnapshotSummary(
        long sequence,
        LocalDate asOf,
        long eventsSeen,
        UnfoldedRecords unfolded,
        DisclosureSettings disclosure,
        CaseCounts cases,
        Map<String, TableSummary> tables,
        Map<String, Map<String, LevelLoss>> informationLoss) {

    /** A summary of a log whose every record was folded. */
    public SnapshotSummary(
            long sequence,
            LocalDate asOf,
            long eventsSeen,
            DisclosureSettings disclosure,
            CaseCounts cases,
            Map<String, TableSummary> tables,
            Map<String, Map<String, LevelLoss>> informationLoss) {
        this(sequence, asOf, eventsSeen, UnfoldedRecords.NONE, disclosure, cases, tables, informationLoss);
    }

    /** The file name beside the tables. */
    public static final String FILE_NAME = "snapshot.json";
}
