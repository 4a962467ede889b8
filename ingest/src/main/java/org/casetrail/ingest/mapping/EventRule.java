package org.casetrail.ingest.mapping;

import java.util.List;

/**
 * One kind of event an input's rows make: a row of a case sheet makes one of each (identified,
 * admitted to a shelter, ...), a row of an activity sheet one.
 *
 * @param name   unique in its input, and part of every record id it makes: never renamed
 * @param when   when a row makes this event, or null for every row
 * @param fields the record's fields ({@code occurred_at}, {@code centre}, {@code details.*}, ...)
 */
record EventRule(String name, TypeRule type, Condition when, List<FieldRule> fields, int line) {}
