package org.casetrail.jobs.release;

import java.nio.file.Path;

import org.apache.avro.generic.GenericRecord;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Writes each table as Parquet files under {@code <release>/public/<table>/} or
 * {@code <release>/restricted/<table>/}. A sink subtask that receives no rows writes no file, so
 * no empty part file is ever published.
 */
public final class ParquetReleaseSinks implements ReleaseSinks {

    private final Path releaseDir;

    public ParquetReleaseSinks(Path releaseDir) {
        this.releaseDir = releaseDir;
    }

    @Override
    public void sink(TableSpec table, DataStream<GenericRecord> rows) {
        FileSink<GenericRecord> sink = FileSink
                .forBulkFormat(new org.apache.flink.core.fs.Path(releaseDir.resolve(table.folder()).toUri()),
                        AvroParquetWriters.forGenericRecord(table.avroSchema()))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        var sinked = rows.sinkTo(sink).name(table.name()).uid("sink-" + table.name());
        if (table != Tables.CASE_JOURNEYS) {
            // Tables of cells are small: one file each is easiest for researchers to pick up.
            sinked.setParallelism(1);
        }
    }
}
