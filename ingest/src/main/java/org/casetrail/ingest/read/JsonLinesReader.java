package org.casetrail.ingest.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import org.casetrail.schemas.event.RejectReason;

/** JSON Lines: one object per line, UTF-8, LF or CRLF, with or without a byte-order mark. */
public final class JsonLinesReader implements ExportReader {

    /**
     * A key given twice is refused, at any depth: which of the two a reader believes is where a
     * smuggled value would hide. The tree builder checks it as it inserts, which costs less than
     * the parser's own duplicate detection (a set of names for every object).
     */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            // A reader bound to the tree type once: the mapper's own readTree works out that type
            // and its deserializer again for every line.
            .readerFor(JsonNode.class);

    private final LineSplitter lines;

    public JsonLinesReader(InputStream in) {
        this(in, LineSplitter.DEFAULT_MAX_LINE_BYTES);
    }

    public JsonLinesReader(InputStream in, int maxLineBytes) {
        this.lines = new LineSplitter(in, maxLineBytes);
    }

    @Override
    public ExportRecord next() throws IOException {
        LineSplitter.Line line;
        do {
            line = lines.nextLeavingAsciiUndecoded();
            if (line == null) {
                return null;
            }
        } while (line.undecodedAscii()
                ? lines.blank()
                : line.problem() == null && line.text().isBlank());
        if (line.problem() != null) {
            return ExportRecord.unreadable(line.number(), line.problem());
        }
        JsonNode node;
        try {
            // An ASCII line is parsed from its bytes: no String of it, and no copy of that into chars.
            node = line.undecodedAscii()
                    ? JSON.readTree(lines.bytes(), lines.start(), lines.end() - lines.start())
                    : JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            // The parser's message quotes the line; it is dropped here on purpose.
            return ExportRecord.unreadable(line.number(), RejectReason.MALFORMED_LINE);
        }
        if (node == null || !node.isObject()) {
            return ExportRecord.unreadable(line.number(), RejectReason.NOT_AN_OBJECT);
        }
        return ExportRecord.parsed(line.number(), node);
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
