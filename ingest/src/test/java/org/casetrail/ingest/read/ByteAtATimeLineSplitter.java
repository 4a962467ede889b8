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
 * The line splitter as it was before it read in chunks: one byte at a time through a
 * BufferedInputStream. Kept as the reference the chunked {@link LineSplitter} must agree with.
 */
final class ByteAtATimeLineSplitter {

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[8192];
    private long lineNumber;
    private long bytesRead;
    private boolean atEnd;

    ByteAtATimeLineSplitter(InputStream in, int maxLineBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line (blank ones included), or null at the end of input. */
    LineSplitter.Line next() throws IOException {
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
            return new LineSplitter.Line(lineNumber, null, RejectReason.LINE_TOO_LONG);
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
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buffer, start, length - start));
            return new LineSplitter.Line(lineNumber, chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new LineSplitter.Line(lineNumber, null, RejectReason.INVALID_ENCODING);
        }
    }

    long bytesRead() {
        return bytesRead;
    }

    void close() throws IOException {
        in.close();
    }
}
