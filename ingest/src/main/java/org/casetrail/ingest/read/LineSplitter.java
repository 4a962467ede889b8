package org.casetrail.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.casetrail.schemas.event.RejectReason;

/**
 * Splits a byte stream into UTF-8 lines (LF or CRLF, optional BOM) without ever holding more than
 * one line, and refuses a line longer than the limit without buffering it.
 */
final class LineSplitter {

    static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /**
     * A line: its 1-based number and either its text or why it has none; from {@link
     * #nextLeavingAsciiUndecoded} also neither, for a line of ASCII only left in the splitter's bytes.
     */
    record Line(long number, String text, RejectReason problem) {
        boolean undecodedAscii() {
            return text == null && problem == null;
        }
    }

    private static final int CHUNK_BYTES = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /**
     * Input is read a chunk at a time and scanned for line ends here: reading byte by byte through
     * a BufferedInputStream would take a lock for every byte, as its read() is synchronized
     * (bench/PROFILE.md, phase 1).
     */
    private final byte[] chunk = new byte[CHUNK_BYTES];

    private int chunkPosition;
    private int chunkLimit;
    private byte[] buffer = new byte[8192];
    private long lineNumber;
    private long bytesRead;
    private boolean atEnd;
    /** The line last read: its bytes in {@link #buffer} from lineStart to lineEnd, unless it was too long. */
    private int lineStart;

    private int lineEnd;
    private boolean lineTooLong;

    LineSplitter(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line (blank ones included), or null at the end of input. */
    Line next() throws IOException {
        return readLine() ? decoded() : null;
    }

    /**
     * The next line as {@link #next} gives it, except that a line of ASCII only is not made a
     * String: its Line is {@link Line#undecodedAscii}, and its bytes are {@link #bytes()} from
     * {@link #start()} to {@link #end()} until the next call. For a reader that parses bytes itself:
     * nearly every line of an export is ASCII, and a String of each was one more copy of the file.
     */
    Line nextLeavingAsciiUndecoded() throws IOException {
        if (!readLine()) {
            return null;
        }
        return !lineTooLong && isAscii(buffer, lineStart, lineEnd) ? new Line(lineNumber, null, null) : decoded();
    }

    byte[] bytes() {
        return buffer;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** Whether the undecoded line is blank, as {@link String#isBlank} would say of its text. */
    boolean blank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (!Character.isWhitespace(buffer[i])) {
                return false;
            }
        }
        return true;
    }

    /** Reads the next line into the buffer; false at the end of input. */
    private boolean readLine() throws IOException {
        if (atEnd) {
            return false;
        }
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        boolean ended = false;
        while (!ended) {
            if (chunkPosition == chunkLimit) {
                int n = in.read(chunk, 0, chunk.length);
                if (n == -1) {
                    break;
                }
                chunkPosition = 0;
                chunkLimit = n;
                continue;
            }
            sawAny = true;
            int newline = indexOfNewline(chunk, chunkPosition, chunkLimit);
            int stop = newline == -1 ? chunkLimit : newline;
            int count = stop - chunkPosition;
            if (!tooLong) {
                if (count > maxLineBytes - length) {
                    // Past the limit: the rest of the line is read but never kept.
                    tooLong = true;
                } else {
                    if (length + count > buffer.length) {
                        grow(length + count);
                    }
                    System.arraycopy(chunk, chunkPosition, buffer, length, count);
                    length += count;
                }
            }
            if (newline == -1) {
                bytesRead += count;
                chunkPosition = chunkLimit;
            } else {
                bytesRead += count + 1;
                chunkPosition = newline + 1;
                ended = true;
            }
        }
        if (!ended) {
            atEnd = true;
            if (!sawAny) {
                return false;
            }
        }
        lineNumber++;
        lineTooLong = tooLong;
        if (tooLong) {
            return true;
        }
        int start = 0;
        if (lineNumber == 1
                && length >= 3
                && (buffer[0] & 0xFF) == 0xEF
                && (buffer[1] & 0xFF) == 0xBB
                && (buffer[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (length > start && buffer[length - 1] == '\r') {
            length--;
        }
        lineStart = start;
        lineEnd = length;
        return true;
    }

    private Line decoded() {
        if (lineTooLong) {
            return new Line(lineNumber, null, RejectReason.LINE_TOO_LONG);
        }
        int length = lineEnd - lineStart;
        if (isAscii(buffer, lineStart, lineEnd)) {
            // ASCII reads the same in UTF-8 and Latin-1, and Latin-1 becomes a String in one copy.
            return new Line(lineNumber, new String(buffer, lineStart, length, StandardCharsets.ISO_8859_1), null);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buffer, lineStart, length));
            return new Line(lineNumber, chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, RejectReason.INVALID_ENCODING);
        }
    }

    private static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Doubles the line buffer until it holds {@code needed} bytes; never beyond the limit, which {@code needed} is within. */
    private void grow(int needed) {
        int size = buffer.length;
        while (size < needed) {
            size = Math.min(maxLineBytes, size * 2);
        }
        buffer = Arrays.copyOf(buffer, size);
    }

    long bytesRead() {
        return bytesRead;
    }

    void close() throws IOException {
        in.close();
    }
}
