package org.casetrail.jobs.release;

import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.casetrail.schemas.table.TableSpec;

/** Where the job's table rows go; injected, so tests can run the very same pipeline. */
public interface ReleaseSinks {

    void sink(TableSpec table, DataStream<GenericRecord> rows);
}
