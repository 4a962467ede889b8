package org.casetrail.bench.throughput;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.journey.CaseHash;

/**
 * The least a Flink replay of the events topic can do, on a local Flink set up as the replay's:
 * read every record with the replay's source settings, optionally group the records by their
 * case (the record key) as a replay must, count, and throw the counts away. No decoding, no
 * journeys, no tables. A replay cannot run faster than the grouped count: the distance between
 * the two is what the replay's own logic costs, and the distance between the plain consumer and
 * these jobs is what Flink costs before any logic runs.
 */
final class PlainFlink {

    static final String RECORDS = "records";
    static final String CASES = "cases";

    /** Records read and distinct cases counted, and the job's net run time (Flink's start-up excluded). */
    record Counted(long records, long cases, double jobSeconds) {}

    private PlainFlink() {}

    /**
     * @param grouped whether the records are grouped by case (through Flink's keyed sort, in BATCH mode) before they are
     *                counted; without, each record is counted where it is read, and a "case" is a record
     */
    static Counted count(String bootstrapServers, String topic, int parallelism, boolean grouped) throws Exception {
        Configuration conf = OutcomeJob.localConfiguration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);

        KafkaSource<LoggedEvent> source = KafkaSource.<LoggedEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("casetrail-bench-plain-flink")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KeyAndBytes())
                .setProperty("isolation.level", "read_committed")
                .setProperty("enable.auto.commit", "false")
                .build();
        DataStream<LoggedEvent> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "event log");
        if (grouped) {
            // The record's bytes cross the keyed sort whole, by the replay's key, as a replay's must to fold a case;
            // day carries the count.
            records = records.keyBy(LoggedEvent::caseHash, Types.LONG)
                    .reduce((a, b) -> new LoggedEvent(a.caseHash(), a.day() + b.day(), b.position(), a.bytes()));
        }
        records.map(new Tally()).name("tally").sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute(grouped ? "plain flink: count by case" : "plain flink: count");
        return new Counted(
                result.<Long>getAccumulatorResult(RECORDS),
                result.<Long>getAccumulatorResult(CASES),
                result.getNetRuntime() / 1000.0);
    }

    /** The record's key (one per woman: what ingest keys her records by) as the replay hashes it, its offset and value as they are, and a count of one. */
    private static final class KeyAndBytes implements KafkaRecordDeserializationSchema<LoggedEvent> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LoggedEvent> out) {
            out.collect(new LoggedEvent(
                    CaseHash.of(new String(record.key(), StandardCharsets.US_ASCII)),
                    1,
                    record.offset(),
                    record.value()));
        }

        @Override
        public TypeInformation<LoggedEvent> getProducedType() {
            return TypeInformation.of(LoggedEvent.class);
        }
    }

    private static final class Tally extends RichMapFunction<LoggedEvent, Integer> {

        private static final long serialVersionUID = 1L;
        private transient LongCounter records;
        private transient LongCounter cases;

        @Override
        public void open(OpenContext context) {
            records = getRuntimeContext().getLongCounter(RECORDS);
            cases = getRuntimeContext().getLongCounter(CASES);
        }

        @Override
        public Integer map(LoggedEvent counted) {
            records.add(counted.day());
            cases.add(1);
            return counted.day();
        }
    }
}
