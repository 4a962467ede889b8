package org.casetrail.jobs.release;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet file's bytes on their way to disk, with each column chunk's list of encodings in the
 * footer put in ascending order. parquet-java builds that list from a HashSet of enums, whose
 * order changes from one JVM to the next (parquet-java#3215), so two replays of the same log in
 * two processes would write the same rows into files that differ in a few bytes.
 *
 * <p>The footer is the last thing a writer writes, so the stream holds back the last bytes it is
 * given and reorders the footer among them when it is closed. Only the order of those lists
 * changes: the same elements in the same number of bytes, so every offset stays true.
 */
final class OrderedFooterStream extends PositionOutputStream {

    /** The largest footer this stream reorders: a table of some 200 row groups of 128 MB, far beyond a release. */
    static final int LARGEST_FOOTER = 1 << 20;

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER = 8;

    private final OutputStream out;
    private final String name;
    private final int holdBack;
    private final byte[] tail;
    private int held;
    private long position;
    private boolean closed;

    OrderedFooterStream(OutputStream out, String name) {
        this(out, name, LARGEST_FOOTER + TRAILER);
    }

    OrderedFooterStream(OutputStream out, String name, int holdBack) {
        this.out = out;
        this.name = name;
        this.holdBack = holdBack;
        // Twice the bytes held back, so a pass-on moves at least holdBack bytes: amortised one copy a byte.
        this.tail = new byte[2 * holdBack];
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        if (held == tail.length) {
            passOn();
        }
        tail[held++] = (byte) b;
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        position += len;
        while (len > 0) {
            if (held == tail.length) {
                passOn();
            }
            int n = Math.min(len, tail.length - held);
            System.arraycopy(b, off, tail, held, n);
            held += n;
            off += n;
            len -= n;
        }
    }

    /** Writes out all but the last holdBack bytes. */
    private void passOn() throws IOException {
        int passed = held - holdBack;
        out.write(tail, 0, passed);
        System.arraycopy(tail, passed, tail, 0, holdBack);
        held = holdBack;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            orderFooter();
            out.write(tail, 0, held);
        } finally {
            out.close();
        }
    }

    private void orderFooter() throws IOException {
        if (held < MAGIC.length + TRAILER || !Arrays.equals(tail, held - MAGIC.length, held, MAGIC, 0, MAGIC.length)) {
            throw new IOException(name + ": the writer closed the file without a Parquet footer");
        }
        int length = (tail[held - 8] & 0xff)
                | (tail[held - 7] & 0xff) << 8
                | (tail[held - 6] & 0xff) << 16
                | (tail[held - 5] & 0xff) << 24;
        int start = held - TRAILER - length;
        if (length < 0 || start < 0) {
            throw new IOException(name + ": a Parquet footer of " + Integer.toUnsignedString(length)
                    + " bytes, more than the " + (holdBack - TRAILER) + " held back to put its encodings in order");
        }
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(tail, start, length));
        // Rewrite only what reads back to the very bytes it came from.
        byte[] same = bytesOf(footer);
        if (!Arrays.equals(same, 0, same.length, tail, start, held - TRAILER)) {
            throw new IOException(
                    name
                            + ": this Parquet footer does not write back as it was read, so its encodings cannot be put in order");
        }
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk column : group.getColumns()) {
                if (column.isSetMeta_data()) {
                    column.getMeta_data().getEncodings().sort(Comparator.comparingInt(Encoding::getValue));
                }
            }
        }
        byte[] ordered = bytesOf(footer);
        if (ordered.length != length) {
            throw new IOException(name + ": the footer with its encodings in order takes " + ordered.length
                    + " bytes, not " + length);
        }
        System.arraycopy(ordered, 0, tail, start, length);
    }

    private static byte[] bytesOf(FileMetaData footer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, bytes);
        return bytes.toByteArray();
    }
}
