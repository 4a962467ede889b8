package org.casetrail.ingest.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;

/**
 * An event log in memory (one partition: a list) and snapshots applied to it as {@code ingest
 * --snapshot} does: the log read back, each record of the snapshot translated and offered to the
 * difference, the voids appended at the end.
 */
final class InMemorySnapshots {

    static final PseudonymKey KEY = PseudonymKey.of(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });
    static final String SOURCE = "cms";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record of an export, and whether a mapping dated it by the snapshot. */
    record Row(String json, boolean datedBySnapshot) {}

    /** What a record that stands in the log is: its content apart from its date, and its date. */
    record Standing(long content, EventDate date) {}

    final List<CaseEvent> log = new ArrayList<>();
    final Pseudonymizer pseudonyms = new Pseudonymizer(KEY);
    private final RecordTranslator translator = new RecordTranslator(new Pseudonymizer(KEY));

    static Row row(String json) {
        return new Row(json, false);
    }

    static Row datedBySnapshot(String json) {
        return new Row(json, true);
    }

    static String care(String caseId, String recordId, String kind, String on) {
        return "{\"source\": \"" + SOURCE + "\", \"source_event_id\": \"" + recordId + "\", \"case_id\": \"" + caseId
                + "\", \"type\": \"MEDICAL_CARE\", \"occurred_at\": \"" + on + "\", \"details\": {\"kind\": \"" + kind
                + "\"}}";
    }

    static String closed(String caseId, String reason, String on) {
        return "{\"source\": \"" + SOURCE + "\", \"source_event_id\": \"" + caseId + "-closed\", \"case_id\": \""
                + caseId + "\", \"type\": \"CASE_CLOSED\", \"occurred_at\": \"" + on
                + "\", \"person\": {\"given_name\":"
                + " \"Sokha\", \"date_of_birth\": \"2006-06-01\"}, \"details\": {\"reason\": \"" + reason + "\"}}";
    }

    static String voidOf(String caseId, String recordId, String voidedId) {
        return "{\"source\": \"" + SOURCE + "\", \"source_event_id\": \"" + recordId + "\", \"case_id\": \"" + caseId
                + "\", \"type\": \"EVENT_VOIDED\", \"occurred_at\": \"2024-01-01\", \"details\":"
                + " {\"voided_source_event_id\": \"" + voidedId + "\"}}";
    }

    /** Appends the records as a plain ingest does: every one. */
    void ingest(String... records) {
        for (String record : records) {
            log.add(accepted(record));
        }
    }

    /** Applies a snapshot of {@link #SOURCE} to the log. */
    SnapshotDifference.Tally snapshot(List<Row> rows) {
        return snapshot(SnapshotScope.ofSource(SOURCE), rows);
    }

    SnapshotDifference.Tally snapshot(SnapshotScope scope, List<Row> rows) {
        SnapshotDifference difference = scope.differenceFrom(holdings(scope));
        for (Row row : rows) {
            Translation translation = translator.translate(record(row.json()));
            if (translation instanceof Translation.Accepted accepted) {
                if (difference.admit(accepted.event(), row.datedBySnapshot())) {
                    log.add(accepted.event());
                }
            } else if (translation instanceof Translation.Rejected rejected) {
                difference.rejected(rejected.reject());
            }
        }
        log.addAll(difference.voids(pseudonyms));
        return difference.tally();
    }

    LogHoldings holdings(SnapshotScope scope) {
        LogHoldings held = new LogHoldings(scope.sources(), KEY.fingerprint());
        for (int position = 0; position < log.size(); position++) {
            held.add(position, CaseEventCodec.encode(log.get(position)));
        }
        return held;
    }

    /** The records of {@link #SOURCE} that count, as the replay's rule has it. */
    Map<RecordKey, Standing> standing() {
        Map<RecordKey, Standing> standing = new HashMap<>();
        holdings(SnapshotScope.ofSource(SOURCE)).all().forEach((key, record) -> {
            if (record.standing()) {
                standing.put(key, new Standing(record.content, record.date()));
            }
        });
        return standing;
    }

    CaseEvent accepted(String json) {
        return ((Translation.Accepted) translator.translate(record(json))).event();
    }

    static ExportRecord record(String json) {
        try {
            return ExportRecord.parsed(1, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
