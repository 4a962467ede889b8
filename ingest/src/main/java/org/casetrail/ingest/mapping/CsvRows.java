package org.casetrail.ingest.mapping;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.casetrail.schemas.event.RejectReason;

/**
 * A CSV table (RFC 4180) with the delimiter, quote and encoding its mapping declares. The encoding
 * is told from a byte-order mark where there is one, as Excel writes them: "CSV UTF-8" (EF BB BF),
 * "Unicode text" (UTF-16 LE, FF FE) and UTF-16 BE (FE FF); without one it is the declared encoding,
 * else UTF-8. A row is one record, which a quoted cell may spread over several lines; its number is
 * the line it starts on.
 */
final class CsvRows implements RowSource {

    /** A record longer than this is refused without being held. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private static final char REPLACEMENT = '\uFFFD';

    private final Path file;
    private final InputRule input;
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long records;
    private List<String> header;

    CsvRows(Path file, InputRule input) throws IOException {
        this.file = file;
        this.input = input;
        this.in = reader(Files.newInputStream(file), input.charset());
    }

    /** A decoding reader: the byte-order mark, if any, says the encoding and is not part of the text. */
    static Reader reader(InputStream raw, Charset declared) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        Charset charset;
        int bomLength;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else {
            charset = declared == null ? StandardCharsets.UTF_8 : declared;
            bomLength = 0;
        }
        in.reset();
        in.skipNBytes(bomLength);
        // Bytes that are not text in the encoding become U+FFFD, and the row holding them a reject.
        return new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    @Override
    public List<String> header() throws IOException {
        if (header != null) {
            return header;
        }
        Record record;
        do {
            record = next();
            if (record == null) {
                throw new MappingException(
                        describe() + " has no row " + input.headerRow() + " for the header of " + input.describe());
            }
        } while (records < input.headerRow());
        if (record.problem() != null) {
            throw new MappingException("the header row of " + describe() + " cannot be read (" + record.problem()
                    + ") for " + input.describe());
        }
        header = record.cells().stream().map(String::strip).toList();
        return header;
    }

    @Override
    public void rows(Consumer<SourceRow> rows) throws IOException {
        header();
        Record record;
        while ((record = next()) != null) {
            if (records < input.dataRow()) {
                continue;
            }
            if (record.problem() != null) {
                rows.accept(SourceRow.unreadable(record.line(), record.problem()));
            } else if (record.cells().stream().anyMatch(c -> !c.isBlank())) {
                if (record.cells().size() > header.size()
                        && record.cells().subList(header.size(), record.cells().size()).stream()
                                .anyMatch(c -> !c.isBlank())) {
                    rows.accept(SourceRow.unreadable(record.line(), RejectReason.MALFORMED_LINE));
                } else {
                    rows.accept(SourceRow.of(record.line(), record.cells().toArray(String[]::new)));
                }
            }
        }
    }

    @Override
    public String describe() {
        return file.getFileName().toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private record Record(long line, List<String> cells, RejectReason problem) {}

    /** The next record, or null at the end of the file. */
    private Record next() throws IOException {
        if (!fill()) {
            return null;
        }
        records++;
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean anyQuote = false;
        long length = 0;
        boolean badText = false;
        char delimiter = input.delimiter();
        char quote = input.quote();
        while (fill()) {
            char c = buffer[position++];
            if (c == REPLACEMENT) {
                badText = true;
            }
            if (quoted) {
                if (c == quote) {
                    if (fill() && buffer[position] == quote) {
                        position++;
                        length++;
                        if (length <= MAX_RECORD_CHARS) {
                            cell.append(quote);
                        }
                    } else {
                        quoted = false;
                    }
                } else {
                    countLine(c);
                    if (++length <= MAX_RECORD_CHARS) {
                        cell.append(c);
                    }
                }
            } else if (c == quote && cell.toString().isBlank() && !anyQuote) {
                quoted = true;
                anyQuote = true;
                cell.setLength(0);
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
                anyQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && fill() && buffer[position] == '\n') {
                    position++;
                }
                line++;
                break;
            } else if (++length <= MAX_RECORD_CHARS) {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        if (quoted) {
            return new Record(start, List.of(), RejectReason.MALFORMED_LINE);
        }
        if (length > MAX_RECORD_CHARS) {
            return new Record(start, List.of(), RejectReason.LINE_TOO_LONG);
        }
        if (badText) {
            return new Record(start, List.of(), RejectReason.INVALID_ENCODING);
        }
        return new Record(start, cells, null);
    }

    /** Counts a line end inside a quoted cell; CRLF counts once. */
    private void countLine(char c) throws IOException {
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            if (!(fill() && buffer[position] == '\n')) {
                line++;
            }
        }
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }
}
