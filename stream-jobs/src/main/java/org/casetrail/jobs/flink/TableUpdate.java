package org.casetrail.jobs.flink;

import org.casetrail.jobs.outcomes.CellContribution;

/**
 * What reaches the operator that assembles snapshots: the latest sum of one cell, the latest
 * state of one case's journey (its restricted row and its publishable testimonies, as Avro
 * bytes, and how many events it was folded from), or the release's as_of. A POJO for Flink.
 */
public class TableUpdate {

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
        update.cell = sum;
        return update;
    }

    /** @param eventsFolded the case's events (duplicates included) the journey was folded from */
    public static TableUpdate ofJourney(
            String casePseudonym, String inclusion, byte[] journey, byte[][] testimonies, long eventsFolded) {
        TableUpdate update = new TableUpdate();
        update.casePseudonym = casePseudonym;
        update.inclusion = inclusion;
        update.journey = journey;
        update.testimonies = testimonies;
        update.eventsSeen = eventsFolded;
        return update;
    }

    public static TableUpdate ofProgress(String asOf) {
        TableUpdate update = new TableUpdate();
        update.asOf = asOf;
        return update;
    }
}
