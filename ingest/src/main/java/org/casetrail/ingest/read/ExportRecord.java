package org.casetrail.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.casetrail.schemas.event.RejectReason;

/**
 * One record of an export: either its parsed content or the reason it could not be read. Never
 * keeps the raw text of an unreadable line.
 *
 * <p>A record made by a mapping (docs/sources.md) names its fields as the user's file does: {@code
 * columns} maps a contract field ({@code details.exploitation_type}) to the column it came from,
 * and a refused record names the column at fault in {@code field}. Both hold names from the
 * mapping file, never a value of a row. A refused record may carry {@code content} with only the
 * ids ({@code source}, {@code case_id}, {@code source_event_id}), so that its reject is
 * pseudonymized like any other.
 */
public record ExportRecord(
        long lineNumber,
        JsonNode content,
        RejectReason unreadable,
        String field,
        Map<String, String> columns,
        boolean datedBySnapshot) {

    public static ExportRecord parsed(long lineNumber, JsonNode content) {
        return new ExportRecord(lineNumber, content, null, null, Map.of(), false);
    }

    public static ExportRecord unreadable(long lineNumber, RejectReason reason) {
        return new ExportRecord(lineNumber, null, reason, null, Map.of(), false);
    }

    /**
     * A contract record made from a row of a mapped file, with the column of each field.
     *
     * @param datedBySnapshot its {@code occurred_at} is the snapshot's date, for want of a date of
     *     its own: a snapshot comparison then looks at the rest of its content only
     */
    public static ExportRecord mapped(
            long lineNumber, JsonNode content, Map<String, String> columns, boolean datedBySnapshot) {
        return new ExportRecord(lineNumber, content, null, null, columns, datedBySnapshot);
    }

    /** A row of a mapped file refused before it became a record, with the column at fault. */
    public static ExportRecord refused(long lineNumber, RejectReason reason, String column, JsonNode ids) {
        return new ExportRecord(lineNumber, ids, reason, column, Map.of(), false);
    }

    public boolean readable() {
        return unreadable == null;
    }

    /** What the user's file calls a contract field: its column when mapped, else the field itself. */
    public String fieldName(String contractField) {
        return contractField == null ? null : columns.getOrDefault(contractField, contractField);
    }

    @Override
    public String toString() {
        return "ExportRecord[line " + lineNumber + (readable() ? "" : ", " + unreadable) + "]";
    }
}
