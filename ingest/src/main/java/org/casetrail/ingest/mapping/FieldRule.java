package org.casetrail.ingest.mapping;

import java.util.List;

/**
 * How one contract field is filled from a row: from the first of its columns that has a value
 * (the column, then its fallback columns), else from its constant; a list field gathers every
 * column's values instead. A value map, date patterns or a split say how a cell becomes a value.
 *
 * @param columns  the column and its fallback columns, in order; empty for a constant
 * @param constant the value when no column has one (a {@code constant} or a {@code fallback}), or null
 * @param values   labels to codes, or null to take the cell as it is (a text, a date, a number)
 * @param split    the separator of several labels in one cell (a multi-select), or null
 * @param several  the code when the labels of one cell map to different codes, or null to reject
 * @param freeText whether its columns are free text, where names hide: their values are never
 *                 printed, not even as labels no value map names
 */
record FieldRule(
        ContractField field,
        List<ColumnRef> columns,
        String constant,
        ValueMap values,
        DatePatterns dates,
        String split,
        String several,
        boolean freeText,
        int line) {

    /**
     * The constant of a date field that stands for the snapshot's date (docs/sources.md,
     * "Constants and fallbacks"): what a record with no date column of its own is dated by, such as a case
     * status that changed since the last export.
     */
    static final String SNAPSHOT_DATE = "snapshot_date";

    /** Whether its constant is the snapshot's date. */
    boolean fromSnapshotDate() {
        return SNAPSHOT_DATE.equals(constant);
    }

    /** The column a reject names for this field: its first. */
    String column() {
        return columns.isEmpty() ? null : columns.get(0).written();
    }
}
