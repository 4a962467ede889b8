package org.casetrail.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Reading in chunks changes nothing: on any bytes (line ends, CR, byte-order marks, broken UTF-8,
 * lines at and over the limit), read in pieces of any size, the chunked splitter gives the same
 * lines, reasons and byte counts as the byte-at-a-time one it replaced.
 */
class LineSplitterProperties {

    /** Bytes that matter to a line splitter, often. */
    @Provide
    Arbitrary<byte[]> exportBytes() {
        Arbitrary<byte[]> pieces = Arbitraries.of(
                new byte[] {'\n'},
                new byte[] {'\r', '\n'},
                new byte[] {'\r'},
                new byte[] {'a'},
                new byte[] {'{', '}'},
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new byte[] {(byte) 0xC3, (byte) 0x28},
                "ស្រី".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "x".repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {' '},
                new byte[] {'\t'});
        return pieces.list().ofMaxSize(60).map(list -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            list.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Property(tries = 2000)
    void chunkedReadingGivesTheSameLinesAsByteAtATime(
            @ForAll("exportBytes") byte[] bytes,
            @ForAll @IntRange(min = 1, max = 90) int maxLineBytes,
            @ForAll @IntRange(min = 1, max = 70) int piece)
            throws IOException {
        ByteAtATimeLineSplitter reference = new ByteAtATimeLineSplitter(new ByteArrayInputStream(bytes), maxLineBytes);
        LineSplitter chunked = new LineSplitter(new ShortReads(bytes, piece), maxLineBytes);
        List<Object> expected = new ArrayList<>();
        List<Object> actual = new ArrayList<>();
        LineSplitter.Line line;
        do {
            line = reference.next();
            expected.add(line);
            expected.add(reference.bytesRead());
        } while (line != null);
        do {
            line = chunked.next();
            actual.add(line);
            actual.add(chunked.bytesRead());
        } while (line != null);
        assertThat(chunked.next()).isNull();
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void anAsciiLineLeftUndecodedHoldsTheTextItWouldHaveHad(
            @ForAll("exportBytes") byte[] bytes,
            @ForAll @IntRange(min = 1, max = 90) int maxLineBytes,
            @ForAll @IntRange(min = 1, max = 70) int piece)
            throws IOException {
        LineSplitter decoding = new LineSplitter(new ShortReads(bytes, piece), maxLineBytes);
        LineSplitter leaving = new LineSplitter(new ShortReads(bytes, piece), maxLineBytes);
        LineSplitter.Line expected;
        do {
            expected = decoding.next();
            LineSplitter.Line line = leaving.nextLeavingAsciiUndecoded();
            if (line != null && line.undecodedAscii()) {
                String text = new String(
                        leaving.bytes(), leaving.start(), leaving.end() - leaving.start(), StandardCharsets.US_ASCII);
                assertThat(text.chars()).allMatch(c -> c < 0x80);
                assertThat(new LineSplitter.Line(line.number(), text, null)).isEqualTo(expected);
                assertThat(leaving.blank()).isEqualTo(text.isBlank());
            } else {
                assertThat(line).isEqualTo(expected);
            }
            assertThat(leaving.bytesRead()).isEqualTo(decoding.bytesRead());
        } while (expected != null);
    }

    /** A stream that hands out at most {@code piece} bytes per read, as pipes and sockets may. */
    private static final class ShortReads extends InputStream {
        private final ByteArrayInputStream in;
        private final int piece;

        ShortReads(byte[] bytes, int piece) {
            this.in = new ByteArrayInputStream(bytes);
            this.piece = piece;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, piece));
        }
    }
}
