package org.casetrail.ingest.mapping;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * A dry run of a mapping over an export ({@code casetrail mapping check}): every row is mapped and
 * translated as ingest would, with a throw-away key, and nothing is written. The report says what
 * each column becomes, how many events of each type the export makes, the rejects by reason and
 * column, and the labels of vocabulary columns that no value map names. It prints names and counts,
 * and labels only of columns that are not identity columns: never a name, a date or an id of a row.
 */
public final class MappingCheck implements MappingObserver {

    /** Distinct unmapped labels shown per column; more are counted, not listed. */
    static final int LABELS_SHOWN = 50;

    private final MappedExport export;
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> unmapped = new TreeMap<>();
    private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
    private final Map<String, Long> rejects = new TreeMap<>();
    private final Set<String> recordIds = new HashSet<>();
    private long repeatedIds;
    private long accepted;
    private long rejected;

    private MappingCheck(MappedExport export) {
        this.export = export;
    }

    public static MappingCheck run(MappedExport export) {
        MappingCheck check = new MappingCheck(export);
        byte[] key = new byte[PseudonymKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(PseudonymKey.of(key)));
        export.read(record -> check.count(record, translator.translate(record)), check);
        return check;
    }

    private void count(ExportRecord record, Translation translation) {
        if (record.readable()
                && !recordIds.add(record.content().path("source_event_id").asText())) {
            repeatedIds++;
        }
        if (translation instanceof Translation.Accepted ok) {
            accepted++;
            events.merge(ok.event().getType(), 1L, Long::sum);
        } else if (translation instanceof Translation.Rejected no) {
            rejected++;
            RejectedRecord reject = no.reject();
            String field = reject.getField() == null ? "" : "  " + reject.getField();
            rejects.merge(reject.getReason() + field, 1L, Long::sum);
        }
    }

    @Override
    public void row(String input) {
        rows.merge(input, 1L, Long::sum);
    }

    @Override
    public void skipped(String input, String event) {
        skipped.merge(input + "/" + event, 1L, Long::sum);
    }

    @Override
    public void unmapped(String input, String column, String label) {
        unmapped.computeIfAbsent(input + " " + column, k -> new LinkedHashMap<>())
                .merge(label, 1L, Long::sum);
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    /** The report, line by line. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        Mapping mapping = export.mapping();
        lines.add("mapping " + mapping.file() + ": source " + mapping.source() + ", inputs "
                + String.join(", ", mapping.inputNames()));
        for (MappedExport.Table table : export.tables()) {
            InputRule input = table.input();
            lines.add("input " + input.name() + ": " + table.describe() + " (header row " + input.headerRow()
                    + ", data from row " + input.dataRow() + "), " + rows.getOrDefault(input.name(), 0L) + " rows");
            int width = table.columns().stream().mapToInt(String::length).max().orElse(0);
            for (String column : table.columns()) {
                if (column.isEmpty()) {
                    continue;
                }
                List<String> roles = export.roles(table, column);
                lines.add("  " + pad(column, width) + "  " + (roles.isEmpty() ? "not read" : String.join("; ", roles)));
            }
        }
        lines.addAll(export.sheetsAbsent());
        lines.add("events: " + (events.isEmpty() ? "none" : joined(events)));
        if (!skipped.isEmpty()) {
            lines.add("not made, their 'when' not met: " + joined(skipped));
        }
        lines.add("rejects: " + rejected);
        rejects.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> lines.add("  " + e.getKey() + "  " + e.getValue()));
        if (!unmapped.isEmpty()) {
            lines.add("labels no value map names (input, column: label and rows):");
            for (Map.Entry<String, Map<String, Long>> column : unmapped.entrySet()) {
                List<String> labels = new ArrayList<>();
                column.getValue().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(LABELS_SHOWN)
                        .forEach(e -> labels.add(quoted(e.getKey()) + " " + e.getValue()));
                int more = column.getValue().size() - labels.size();
                lines.add("  " + column.getKey() + ": " + String.join(", ", labels)
                        + (more > 0 ? ", and " + more + " more" : ""));
            }
        }
        if (repeatedIds > 0) {
            lines.add("record ids made twice: " + repeatedIds
                    + " (rows that are one record to casetrail: give their input a 'key')");
        }
        lines.add("read " + (accepted + rejected) + ", accepted " + accepted + ", rejected " + rejected
                + " (nothing written)");
        return lines;
    }

    private static String joined(Map<?, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String quoted(String label) {
        StringBuilder out = new StringBuilder("\"");
        label.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
