package org.casetrail.schemas.release;

/** Rows and withheld rows of one published table (primary: under k; secondary: suppression's extra cells). */
public record TableSummary(long rows, long suppressedPrimary, long suppressedSecondary) {

    public long withheld() {
        return suppressedPrimary + suppressedSecondary;
    }
}
