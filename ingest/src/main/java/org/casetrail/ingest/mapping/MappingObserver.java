package org.casetrail.ingest.mapping;

/**
 * What a mapping run tells beyond its records, for {@code casetrail mapping check}: rows read,
 * events a row did not meet the condition of, and labels no value map names. A label is told only
 * for a column that is not an identity column ({@link ColumnRoles}).
 */
public interface MappingObserver {

    MappingObserver NONE = new MappingObserver() {};

    default void row(String input) {}

    default void skipped(String input, String event) {}

    /** A label of a vocabulary column that no value map names. */
    default void unmapped(String input, String column, String label) {}
}
