package org.casetrail.ingest.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.casetrail.schemas.event.RejectReason;

/**
 * CSV (RFC 4180) whose header names the input contract's fields flattened with dots
 * ({@code person.given_name}, {@code details.course}). Each row becomes the same JSON object a
 * JSON Lines export would hold, so one validator serves both. Empty cells are absent fields; list
 * fields ({@code person.aliases}, {@code details.support}) separate their items with {@code |};
 * quoted cells may span lines.
 */
public final class CsvExportReader implements ExportReader {

    private static final Set<String> BOOLEAN_FIELDS =
            Set.of("details.research_use", "details.story_use", "details.compensation_awarded");
    private static final Set<String> INTEGER_FIELDS = Set.of("details.grade_level");
    private static final Set<String> LIST_FIELDS = Set.of("person.aliases", "details.support");

    private final LineSplitter lines;
    private List<String> header;
    private boolean headerUnreadable;

    public CsvExportReader(InputStream in) {
        this.lines = new LineSplitter(in, LineSplitter.DEFAULT_MAX_LINE_BYTES);
    }

    @Override
    public ExportRecord next() throws IOException {
        if (header == null && !headerUnreadable) {
            ExportRecord headerLine = readHeader();
            if (headerLine != null) {
                return headerLine;
            }
        }
        while (true) {
            LineSplitter.Line first = lines.next();
            if (first == null) {
                return null;
            }
            if (first.problem() != null) {
                return ExportRecord.unreadable(first.number(), first.problem());
            }
            if (first.text().isBlank()) {
                continue;
            }
            if (headerUnreadable) {
                return ExportRecord.unreadable(first.number(), RejectReason.MALFORMED_LINE);
            }
            List<String> cells = new ArrayList<>();
            RejectReason problem = parseRecord(first, cells);
            if (problem != null) {
                return ExportRecord.unreadable(first.number(), problem);
            }
            if (cells.size() != header.size()) {
                return ExportRecord.unreadable(first.number(), RejectReason.MALFORMED_LINE);
            }
            return ExportRecord.parsed(first.number(), toObject(cells));
        }
    }

    private ExportRecord readHeader() throws IOException {
        LineSplitter.Line line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.problem() == null && line.text().isBlank());
        List<String> cells = new ArrayList<>();
        RejectReason problem = line.problem() != null ? line.problem() : parseRecord(line, cells);
        if (problem != null) {
            headerUnreadable = true;
            return ExportRecord.unreadable(line.number(), problem);
        }
        header = cells.stream().map(String::strip).toList();
        return null;
    }

    /** Reads one CSV record starting at {@code first}, pulling more lines while a quote is open. */
    private RejectReason parseRecord(LineSplitter.Line first, List<String> cells) throws IOException {
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellWasQuoted = false;
        String text = first.text();
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    cells.add(cellWasQuoted ? cell.toString() : cell.toString().strip());
                    return null;
                }
                LineSplitter.Line more = lines.next();
                if (more == null) {
                    return RejectReason.MALFORMED_LINE;
                }
                if (more.problem() != null) {
                    return more.problem();
                }
                cell.append('\n');
                text = more.text();
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cellWasQuoted = true;
                cell.setLength(0);
            } else if (c == ',') {
                cells.add(cellWasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                cellWasQuoted = false;
            } else {
                cell.append(c);
            }
        }
    }

    private ObjectNode toObject(List<String> cells) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String value = cells.get(i);
            if (value.isEmpty() || name.isEmpty()) {
                continue;
            }
            String[] path = name.split("\\.");
            ObjectNode parent = root;
            for (int p = 0; p < path.length - 1; p++) {
                parent = parent.has(path[p]) && parent.get(path[p]).isObject()
                        ? (ObjectNode) parent.get(path[p])
                        : parent.putObject(path[p]);
            }
            String leaf = path[path.length - 1];
            if (BOOLEAN_FIELDS.contains(name) && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
                parent.put(leaf, Boolean.parseBoolean(value));
            } else if (INTEGER_FIELDS.contains(name) && value.matches("-?\\d{1,9}")) {
                parent.put(leaf, Integer.parseInt(value));
            } else if (LIST_FIELDS.contains(name)) {
                ArrayNode items = parent.putArray(leaf);
                for (String item : value.split("\\|")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            } else {
                parent.put(leaf, value);
            }
        }
        return root;
    }

    @Override
    public long bytesRead() {
        return lines.bytesRead();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
