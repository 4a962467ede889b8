package org.casetrail.ingest.snapshot;

/**
 * What a snapshot compares of an event: which record it is, or which record it voids, its date and
 * its content apart from the date.
 *
 * @param source the index of its source among the snapshot's sources
 * @param key its record: its case and event id
 * @param isVoid it is an {@code EVENT_VOIDED}
 * @param voided for a void, the record it deletes (in its case); null for any other event
 * @param date its {@code occurred_on} and the age derived from it
 * @param content 64 bits of SHA-256 of its encoding without the date (see {@link ComparedEventReader})
 */
record ComparedEvent(int source, RecordKey key, boolean isVoid, RecordKey voided, EventDate date, long content) {}
