package org.casetrail.schemas;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Avro's binary encoding of the primitive values, read from a record body held in an array. It
 * reads every value the way Avro's own {@code BinaryDecoder} does (a boolean is true only for the
 * byte 1, an int takes at most five bytes and a long ten), and checks every length against the
 * bytes left before it takes them, so a corrupt length fails here instead of allocating what it
 * claims. The failures carry no record content in their message.
 */
final class BinaryBody {

    private final byte[] bytes;
    private int position;

    BinaryBody(byte[] bytes, int start) {
        this.bytes = bytes;
        this.position = start;
    }

    int remaining() {
        return bytes.length - position;
    }

    boolean readBoolean() throws IOException {
        if (position >= bytes.length) {
            throw new EOFException();
        }
        return bytes[position++] == 1;
    }

    int readInt() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position >= bytes.length) {
                throw new EOFException();
            }
            int b = bytes[position++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if (b < 0x80) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new IOException("invalid int encoding");
    }

    long readLong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (position >= bytes.length) {
                throw new EOFException();
            }
            int b = bytes[position++] & 0xFF;
            value |= (b & 0x7FL) << shift;
            if (b < 0x80) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new IOException("invalid long encoding");
    }

    String readString() throws IOException {
        int length = readLength();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** An enum's symbol index or a union's branch index, checked against how many there are. */
    int readIndex(int count) throws IOException {
        int index = readInt();
        if (index < 0 || index >= count) {
            throw new IOException("index out of range");
        }
        return index;
    }

    /**
     * The number of items in the next block of an array, 0 at its end. A block may also state its
     * size in bytes, which is then skipped over as Avro does. Every item takes at least a byte, so a
     * count beyond the bytes left is corrupt.
     */
    int readBlockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        if (count < 0 || count > remaining()) {
            throw new IOException("array block count out of range");
        }
        return (int) count;
    }

    private int readLength() throws IOException {
        long length = readLong();
        if (length < 0 || length > remaining()) {
            throw new IOException(length < 0 ? "negative length" : "length beyond the record");
        }
        return (int) length;
    }
}
