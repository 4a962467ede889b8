package org.casetrail.ingest.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * Also writes every reject to a local JSON Lines file ({@code --rejects FILE}) so the person who
 * made the export can find and fix the lines: reason, field, line number and pseudonymized ids,
 * never the line itself.
 */
public final class RejectFile implements EventLogWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLogWriter log;
    private final BufferedWriter out;
    private final Path file;

    public RejectFile(EventLogWriter log, Path file) {
        this.log = log;
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IngestException("cannot write the rejects file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void append(CaseEvent event) {
        log.append(event);
    }

    @Override
    public void reject(RejectedRecord reject) {
        log.reject(reject);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", reject.getLineNumber());
        line.put("reason", reject.getReason().name());
        line.put("field", reject.getField());
        line.put("source", reject.getSource());
        line.put("event_id", reject.getEventId());
        line.put("case_pseudonym", reject.getCasePseudonym());
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        log.flush();
        try {
            out.flush();
        } catch (IOException e) {
            throw new IngestException("cannot write the rejects file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new IngestException("cannot write the rejects file " + file + ": " + e.getMessage());
        } finally {
            log.close();
        }
    }
}
