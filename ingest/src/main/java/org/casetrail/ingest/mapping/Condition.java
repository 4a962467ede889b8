package org.casetrail.ingest.mapping;

import java.util.Set;

/**
 * When an event is made from a row: when a column has a value (an admission date), or when it
 * holds one of some labels (a status of Closed). A row that does not meet it makes no such event
 * and is no reject: the event did not happen.
 *
 * @param labels normalised labels; empty means any value
 */
record Condition(ColumnRef column, Set<String> labels) {}
