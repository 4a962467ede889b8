package org.casetrail.jobs.flink;

import org.casetrail.jobs.outcomes.CellContribution;

/**
 * What reaches the operator that assembles snapshots, one of three {@link Kind}s: the latest sum
 * of one cell, the latest state of one case's journey (its restricted row and its publishable
 * testimonies, as Avro bytes, and how many events it was folded from), or the release's as_of.
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
        PROGRESS
    }

    public Kind kind;
    public CellContribution cell;
    public String casePseudonym;
    public String inclusion;
    public byte[] journey;
    public byte[][] testimonies;
    public String asOf;
    public long eventsSeen;

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

    public static TableUpdate ofProgress(String asOf) {
        TableUpdate update = new TableUpdate();
        update.kind = Kind.PROGRESS;
        update.asOf = asOf;
        return update;
    }
}
