package org.casetrail.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.read.JsonLinesReader;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;

/**
 * One case of the synthetic generator with exactly {@link #EVENTS} records, all accepted: the
 * average case of a 15-year export (445,606 records for 20,000 cases). Its raw lines, parsed
 * records, pseudonymized events and their bytes on the log, so every benchmark of the per-event
 * path works on the same realistic case rather than on a hand-made record.
 */
public final class RealisticCase {

    public static final int EVENTS = 22;

    public final String casePseudonym;
    public final List<String> lines;
    public final byte[] lineBytes;
    public final List<ExportRecord> records;
    public final List<CaseEvent> events;
    public final List<byte[]> encoded;
    public final LocalDate asOf;

    private RealisticCase(
            String casePseudonym,
            List<String> lines,
            List<ExportRecord> records,
            List<CaseEvent> events,
            LocalDate asOf) {
        this.casePseudonym = casePseudonym;
        this.lines = List.copyOf(lines);
        this.lineBytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        this.records = List.copyOf(records);
        this.events = List.copyOf(events);
        this.encoded = events.stream().map(CaseEventCodec::encode).toList();
        this.asOf = asOf;
    }

    /** The translator every benchmark uses: a fixed all-zero key, which costs the same as any other. */
    public static RecordTranslator translator() {
        return new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
    }

    /** The first case of a 15-year export (seed 2009) with exactly {@link #EVENTS} records, all accepted. */
    public static RealisticCase average() {
        try {
            SyntheticExport.Settings settings = SyntheticExport.Settings.defaults(4000, 2009);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SyntheticExport.write(settings, out, SyntheticExport.Format.JSONL);
            RecordTranslator translator = translator();
            Map<String, List<String>> linesByCase = new LinkedHashMap<>();
            Map<String, List<ExportRecord>> recordsByCase = new LinkedHashMap<>();
            Map<String, List<CaseEvent>> eventsByCase = new LinkedHashMap<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                ExportRecord record =
                        new JsonLinesReader(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8))).next();
                if (record != null && translator.translate(record) instanceof Translation.Accepted accepted) {
                    String key = accepted.event().getCasePseudonym();
                    linesByCase.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                    recordsByCase.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
                    eventsByCase.computeIfAbsent(key, k -> new ArrayList<>()).add(accepted.event());
                }
            }
            for (Map.Entry<String, List<CaseEvent>> c : eventsByCase.entrySet()) {
                if (c.getValue().size() == EVENTS) {
                    return new RealisticCase(
                            c.getKey(),
                            linesByCase.get(c.getKey()),
                            recordsByCase.get(c.getKey()),
                            c.getValue(),
                            settings.exportDate());
                }
            }
            throw new IllegalStateException("no case of exactly " + EVENTS + " events in the synthetic export");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
