package org.casetrail.jobs.flink;

import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.schemas.release.UnfoldedRecords;

/**
 * What reaches the operator that assembles snapshots, one of four {@link Kind}s: the latest sum
 * of one cell, the latest state of one case's journey (its restricted row and its publishable
 * testimonies, as Avro bytes, and how many events it was folded from), the release's as_of, or
 * records no journey was folded from.
 * Made only by the three factories; a POJO, so that Flink serializes it (and evolves it in
 * checkpoints) without Kryo, with the fields the other kinds leave null.
 */
public class TableUpdate {

    /** Which of the three updates this is; the fields of the other kinds are null. */
    public enum Kind {
        /** {@link #cell}: the latest sum of one cell. */
        CELL,
        /** {@link #casePseudonym}, {@link #inclusion}, {@link #journey}, {@link #testimonies}, {@link #eventsSeen}. */
        JOURNEY,
        /** {@link #asOf}: the release's reference date as it stands. */
        PROGRESS,
        /**
         * Records read that no journey will be folded from ({@link #erasures}, {@link #erasedEvents},
         * {@link #withoutDataKey}, {@link #tampered}), and the journeys an erasure drops ({@link #droppedCases}).
         */
        UNFOLDED
    }

    public Kind kind;
    public CellContribution cell;
    public String casePseudonym;
    public String inclusion;
    public byte[] journey;
    public byte[][] testimonies;
    public String asOf;
    public long eventsSeen;
    public String[] droppedCases;
    public long erasures;
    public long erasedEvents;
    public long withoutDataKey;
    public long tampered;

    public TableUpdate() {}

    public static TableUpdate ofCell(CellContribution sum) {
        TableUpdate update = new TableUpdate();
        update.kind = Kind.CELL;
        update.cell = sum;
        return update;
    }

    /** @param eventsFolded the case's events (duplicates included) the journey was folded from */
    public static TableUpdate ofJourney(
            String casePseudonym, String inclusion, byte[] journey, byte[][] testimonies, long eventsFolded) {
        TableUpdate update = new TableUpdate();
        update.kind = Kind.JOURNEY;
        update.casePseudonym = casePseudonym;
        update.inclusion = inclusion;
        update.journey = journey;
        update.testimonies = testimonies;
        update.eventsSeen = eventsFolded;
        return update;
    }

    /** @param droppedCases the pseudonyms whose journeys leave every table */
    public static TableUpdate ofUnfolded(String[] droppedCases, UnfoldedRecords records) {
        TableUpdate update = new TableUpdate();
        update.kind = Kind.UNFOLDED;
        update.droppedCases = droppedCases;
        update.erasures = records.erasures();
        update.erasedEvents = records.erasedEvents();
        update.withoutDataKey = records.withoutDataKey();
        update.tampered = records.tampered();
        return update;
    }

    public UnfoldedRecords unfolded() {
        return new UnfoldedRecords(erasures, erasedEvents, withoutDataKey, tampered);
    }

    public static TableUpdate ofProgress(String asOf) {
        TableUpdate update = new TableUpdate();
        update.kind = Kind.PROGRESS;
        update.asOf = asOf;
        return update;
    }
}
