package org.casetrail.jobs.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet file passed through {@link OrderedFooterStream} is the same file with every column
 * chunk's encodings in ascending order, whatever order the writer listed them in, however the
 * writer cut its bytes into writes and however many bytes the stream holds back.
 */
class OrderedFooterStreamProperties {

    private static final Schema ROW = SchemaBuilder.record("row")
            .fields()
            .requiredString("centre")
            .optionalInt("year")
            .optionalString("course")
            .requiredBoolean("completed")
            .endRecord();

    /** A file as parquet-java writes it, with no reordering. */
    private static final byte[] WRITTEN = write(out -> new PlainStream(out));

    @Property(tries = 200)
    void theSameFileWithOnlyItsEncodingsInOrder(
            @ForAll long shuffleSeed,
            @ForAll long writesSeed,
            @ForAll @IntRange(min = 0, max = 70_000) int extraHeldBack)
            throws IOException {
        byte[] shuffled = withFooter(
                WRITTEN,
                footer -> eachEncodingList(footer, list -> Collections.shuffle(list, new Random(shuffleSeed))));
        byte[] expected = withFooter(
                WRITTEN,
                footer -> eachEncodingList(footer, list -> list.sort(Comparator.comparingInt(Encoding::getValue))));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OrderedFooterStream stream = new OrderedFooterStream(out, "t", footerLength(WRITTEN) + 8 + extraHeldBack);
        Random writes = new Random(writesSeed);
        int at = 0;
        while (at < shuffled.length) {
            if (writes.nextInt(4) == 0) {
                stream.write(shuffled[at++]);
            } else {
                int n = Math.min(shuffled.length - at, 1 + writes.nextInt(writes.nextBoolean() ? 50 : 40_000));
                stream.write(shuffled, at, n);
                at += n;
            }
            assertThat(stream.getPos()).isEqualTo(at);
        }
        stream.close();

        assertThat(Arrays.mismatch(out.toByteArray(), expected))
                .as("first byte that differs")
                .isEqualTo(-1);
    }

    @Example
    void aWrittenFileReadsBackWhole() throws Exception {
        byte[] ordered = write(out -> new OrderedFooterStream(out, "t"));
        Path file = Files.createTempFile("ordered-footer", ".parquet");
        try {
            Files.write(file, ordered);
            List<String> rows = new ArrayList<>();
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                            new LocalInputFile(file))
                    .withDataModel(GenericData.get())
                    .build()) {
                for (GenericRecord row; (row = reader.read()) != null; ) {
                    rows.add(row.toString());
                }
            }
            assertThat(rows).hasSize(3000).first().asString().contains("\"centre\": \"C0\"");
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    ResultSet r = duck.createStatement()
                            .executeQuery("SELECT count(*), count(DISTINCT course), sum(year) FROM read_parquet('"
                                    + file + "')")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(3000);
                assertThat(r.getLong(2)).isEqualTo(6);
                assertThat(r.getLong(3)).isEqualTo(rowsYearSum());
            }
        } finally {
            Files.delete(file);
        }

        List<List<Encoding>> lists = new ArrayList<>();
        eachEncodingList(footerOf(ordered), lists::add);
        assertThat(lists)
                .as("a column with more than one encoding, or the test shows nothing")
                .anyMatch(l -> l.size() > 2);
        assertThat(lists)
                .allMatch(l -> l.equals(l.stream()
                        .sorted(Comparator.comparingInt(Encoding::getValue))
                        .toList()));
        // Everything but the encoding lists is as parquet-java wrote it.
        assertThat(ordered).hasSameSizeAs(WRITTEN);
        assertThat(Arrays.mismatch(
                        ordered,
                        0,
                        WRITTEN.length - footerLength(WRITTEN) - 8,
                        WRITTEN,
                        0,
                        WRITTEN.length - footerLength(WRITTEN) - 8))
                .isEqualTo(-1);
    }

    @Example
    void aFooterLargerThanWhatIsHeldBackIsAnError() throws IOException {
        OrderedFooterStream stream =
                new OrderedFooterStream(new ByteArrayOutputStream(), "big.parquet", footerLength(WRITTEN) / 2);
        stream.write(WRITTEN, 0, WRITTEN.length);
        assertThatThrownBy(stream::close)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("big.parquet")
                .hasMessageContaining("held back");
    }

    @Example
    void bytesThatDoNotEndAsParquetAreAnError() throws IOException {
        OrderedFooterStream stream = new OrderedFooterStream(new ByteArrayOutputStream(), "cut.parquet");
        stream.write(WRITTEN, 0, WRITTEN.length - 3);
        assertThatThrownBy(stream::close)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut.parquet")
                .hasMessageContaining("without a Parquet footer");
    }

    private static long rowsYearSum() {
        long sum = 0;
        for (int i = 0; i < 3000; i++) {
            sum += i % 7 == 0 ? 0 : 2010 + i % 15;
        }
        return sum;
    }

    private static byte[] write(Function<OutputStream, PositionOutputStream> streamOf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputFile file = new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) {
                return streamOf.apply(bytes);
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) {
                return streamOf.apply(bytes);
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }
        };
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(file)
                .withSchema(ROW)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withConf(new org.apache.hadoop.conf.Configuration(false))
                // Small row groups and pages: several column chunks, each with many pages.
                .withRowGroupSize(16 * 1024L)
                .withPageSize(1024)
                .build()) {
            for (int i = 0; i < 3000; i++) {
                GenericRecord row = new GenericData.Record(ROW);
                row.put("centre", "C" + i % 3);
                row.put("year", i % 7 == 0 ? null : 2010 + i % 15);
                row.put("course", i % 5 == 0 ? null : "course-" + i % 6);
                row.put("completed", i % 2 == 0);
                writer.write(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static int footerLength(byte[] file) {
        int n = file.length;
        return (file[n - 8] & 0xff)
                | (file[n - 7] & 0xff) << 8
                | (file[n - 6] & 0xff) << 16
                | (file[n - 5] & 0xff) << 24;
    }

    private static FileMetaData footerOf(byte[] file) throws IOException {
        int length = footerLength(file);
        return Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - length, length));
    }

    /** The file with its footer changed in place; the change must keep the footer's length. */
    private static byte[] withFooter(byte[] file, Consumer<FileMetaData> change) throws IOException {
        FileMetaData footer = footerOf(file);
        change.accept(footer);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, bytes);
        assertThat(bytes.size()).isEqualTo(footerLength(file));
        byte[] changed = file.clone();
        System.arraycopy(bytes.toByteArray(), 0, changed, file.length - 8 - bytes.size(), bytes.size());
        return changed;
    }

    private static void eachEncodingList(FileMetaData footer, Consumer<List<Encoding>> action) {
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk column : group.getColumns()) {
                action.accept(column.getMeta_data().getEncodings());
            }
        }
    }

    /** parquet-java's own stream over a byte array, as a writer without reordering sees it. */
    private static final class PlainStream extends PositionOutputStream {
        private final OutputStream out;
        private long position;

        PlainStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }
    }
}
