package org.casetrail.ingest.read;

import java.io.BufferedInputStream;
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

    /** A line: its 1-based number and either its text or why it has none. */
    record Line(long number, String text, RejectReason problem) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[8192];
    private long lineNumber;
    private long bytesRead;
    private boolean atEnd;

    LineSplitter(InputStream in, int maxLineBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line (blank ones included), or null at the end of input. */
    Line next() throws IOException {
        if (atEnd) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        int b;
        while ((b = in.read()) != -1) {
            bytesRead++;
            sawAny = true;
            if (b == '\n') {
                break;
            }
            if (tooLong) {
                continue;
            }
            if (length == maxLineBytes) {
                tooLong = true;
                continue;
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
            }
            buffer[length++] = (byte) b;
        }
        if (b == -1) {
            atEnd = true;
            if (!sawAny) {
                return null;
            }
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null, RejectReason.LINE_TOO_LONG);
        }
        int start = 0;
        if (lineNumber == 1 && length >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB
                && (buffer[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (length > start && buffer[length - 1] == '\r') {
            length--;
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buffer, start, length - start));
            return new Line(lineNumber, chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, RejectReason.INVALID_ENCODING);
        }
    }

    long bytesRead() {
        return bytesRead;
    }

    void close() throws IOException {
        in.close();
    }
}
