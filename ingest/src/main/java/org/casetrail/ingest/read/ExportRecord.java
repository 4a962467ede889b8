package org.casetrail.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.casetrail.schemas.event.RejectReason;

/**
 * One non-empty line of an export: either its parsed content or the reason it could not be read.
 * Never keeps the raw text of an unreadable line.
 */
public record ExportRecord(long lineNumber, JsonNode content, RejectReason unreadable) {

    public static ExportRecord parsed(long lineNumber, JsonNode content) {
        return new ExportRecord(lineNumber, content, null);
    }

    public static ExportRecord unreadable(long lineNumber, RejectReason reason) {
        return new ExportRecord(lineNumber, null, reason);
    }

    public boolean readable() {
        return unreadable == null;
    }

    @Override
    public String toString() {
        return "ExportRecord[line " + lineNumber + (readable() ? "" : ", " + unreadable) + "]";
    }
}
