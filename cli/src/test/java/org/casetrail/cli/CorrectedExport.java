package org.casetrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A later export of the same case-management system, made from an earlier JSON Lines export the
 * way such a system makes one: records corrected in place (a course, a follow-up status, a date
 * moved later) and exported again under their own source_event_id, recorded later, and records
 * that were voided restored and exported again. Ingested after the earlier export, it puts new
 * versions of its records in the log.
 */
final class CorrectedExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorrectedExport() {}

    /** Writes the later export; returns how many records it changed, by kind of change. */
    static Map<String, Long> write(Path earlier, Path later) throws IOException {
        Map<String, String> linesById = new HashMap<>();
        List<String> out = new ArrayList<>();
        Map<String, Long> changes = new TreeMap<>();
        int seen = 0;
        for (String line : Files.readAllLines(earlier)) {
            ObjectNode record;
            try {
                record = (ObjectNode) JSON.readTree(line);
            } catch (IOException | ClassCastException unreadable) {
                continue;
            }
            if (!wellFormed(record, line)) {
                continue;
            }
            linesById.put(record.get("source_event_id").asText(), line);
            JsonNode details = record.path("details");
            String change = switch (record.path("type").asText()) {
                case "TRAINING_ENROLLED" ->
                    ++seen % 5 == 0 && swap(record, "course", "SEWING", "WEAVING") ? "course corrected" : null;
                case "FOLLOW_UP" ->
                    ++seen % 7 == 0 && swap(record, "status", "STABLE", "AT_RISK")
                            ? "follow-up status corrected"
                            : null;
                case "SHELTER_EXITED", "REINTEGRATED" ->
                    ++seen % 6 == 0 && movedLater(record) ? "date moved later" : null;
                case "EVENT_VOIDED" -> {
                    String restored =
                            linesById.get(details.path("voided_source_event_id").asText());
                    if (++seen % 2 == 0 && restored != null) {
                        out.add(restored);
                        yield "voided record restored";
                    }
                    yield null;
                }
                default -> null;
            };
            if (change != null) {
                if (!change.equals("voided record restored")) {
                    record.put(
                            "recorded_at",
                            OffsetDateTime.parse(record.get("recorded_at").asText())
                                    .plusDays(60)
                                    .toString());
                    out.add(JSON.writeValueAsString(record));
                }
                changes.merge(change, 1L, Long::sum);
            }
        }
        Files.write(later, out);
        return changes;
    }

    /** Not one of the records the generator spoils on purpose, which ingest rejected before and would again. */
    private static boolean wellFormed(ObjectNode record, String line) {
        try {
            LocalDate.parse(record.path("occurred_at").asText());
        } catch (java.time.format.DateTimeParseException spoiled) {
            return false;
        }
        return record.hasNonNull("source_event_id")
                && record.hasNonNull("case_id")
                && !line.contains("NOT_A_VALUE")
                && !line.contains("NOT_A_TYPE");
    }

    /** One detail from either value to the other; false when it holds neither (another value, or a spoiled one). */
    private static boolean swap(ObjectNode record, String detail, String one, String other) {
        ObjectNode details = (ObjectNode) record.get("details");
        String value = details.path(detail).asText();
        if (!value.equals(one) && !value.equals(other)) {
            return false;
        }
        details.put(detail, value.equals(one) ? other : one);
        return true;
    }

    private static boolean movedLater(ObjectNode record) {
        record.put(
                "occurred_at",
                LocalDate.parse(record.get("occurred_at").asText()).plusDays(30).toString());
        return true;
    }
}
