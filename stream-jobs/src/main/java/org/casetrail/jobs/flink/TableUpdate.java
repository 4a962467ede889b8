package org.casetrail.jobs.flink;

import org.casetrail.jobs.outcomes.CellContribution;

/**
 * What reaches the operator that assembles snapshots: the latest sum of one cell, the latest
 * state of one case's journey (its restricted row and its publishable testimonies, as Avro
 * bytes), or the progress of the log (as_of, events seen). A POJO for Flink.
 */
public class TableUpdate {

    public CellContribution cell;
    public String casePseudonym;
    public String inclusion;
    public byte[] journey;
    public byte[][] testimonies;
    public String asOf;
    public long eventsSeen;

    public TableUpdate() {
    }

    public static TableUpdate ofCell(CellContribution sum) {
        TableUpdate update = new TableUpdate();
        update.cell = sum;
        return update;
    }

    public static TableUpdate ofJourney(String casePseudonym, String inclusion, byte[] journey, byte[][] testimonies) {
        TableUpdate update = new TableUpdate();
        update.casePseudonym = casePseudonym;
        update.inclusion = inclusion;
        update.journey = journey;
        update.testimonies = testimonies;
        return update;
    }

    public static TableUpdate ofProgress(String asOf, long eventsSeen) {
        TableUpdate update = new TableUpdate();
        update.asOf = asOf;
        update.eventsSeen = eventsSeen;
        return update;
    }
}
