package org.casetrail.bench.throughput;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.operators.Order;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.journey.CaseHash;

/**
 * The least a Flink replay of the events topic can do, on a local Flink set up as the replay's:
 * read every record with the replay's source settings, optionally group the records by their
 * case (the record key) as a replay must, one of several ways ({@link FlinkGrouping}), count, and
 * throw the counts away. No decoding, no journeys, no tables. A replay grouped as it is now
 * cannot run faster than the keyed count: the distance between the two is what the replay's own
 * logic costs, and the distance between the plain consumer and these jobs is what Flink costs
 * before any logic runs. The other groupings measure how high that ceiling could go.
 */
final class PlainFlink {

    static final String RECORDS = "records";
    static final String CASES = "cases";

    /**
     * Records read and distinct cases counted, the job's net run time (Flink's start-up excluded), and its tasks as
     * Flink chained its operators.
     */
    record Counted(long records, long cases, double jobSeconds, String tasks) {}

    private PlainFlink() {}

    /**
     * @param grouping how the records are grouped by case before they are counted; with {@link FlinkGrouping#NONE},
     *                 each record is counted where it is read, and a "case" is a record
     */
    static Counted count(String bootstrapServers, String topic, int parallelism, FlinkGrouping grouping)
            throws Exception {
        Configuration conf = OutcomeJob.localConfiguration();
        conf.set(
                ExecutionOptions.RUNTIME_MODE,
                grouping == FlinkGrouping.STREAMING_KEYED
                        ? RuntimeExecutionMode.STREAMING
                        : RuntimeExecutionMode.BATCH);
        // Keyed state on the heap (Flink's default, said here so the step measures what it says).
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
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
        // Each grouping hands on one record per case whose day carries its count; the record's bytes cross whatever
        // shuffle or sort there is whole, as a replay's must to fold a case.
        TypeInformation<LoggedEvent> type = records.getType();
        records = switch (grouping) {
            case NONE -> records;
            case KEYED_SORT -> records.keyBy(LoggedEvent::caseHash, Types.LONG).reduce(PlainFlink::sum);
            case PER_SPLIT -> records.transform("count per case in its split", type, new SplitCaseCounts());
            case REINTERPRETED ->
                DataStreamUtils.reinterpretAsKeyedStream(records, LoggedEvent::caseHash, Types.LONG)
                        .reduce(PlainFlink::sum);
            case STREAMING_KEYED ->
                records.keyBy(LoggedEvent::caseHash, Types.LONG).process(new StreamingCaseCounts(), type);
            case SORT_PARTITION ->
                records.fullWindowPartition()
                        .sortPartition(LoggedEvent::caseHash, Order.ASCENDING)
                        .transform("count sorted runs", type, new SortedRunCounts());
        };
        records.map(new Tally()).name("tally").sinkTo(new DiscardingSink<>());
        String tasks = tasks(env.getStreamGraph(false));
        JobExecutionResult result = env.execute("plain flink: " + grouping.step());
        return new Counted(
                result.<Long>getAccumulatorResult(RECORDS),
                result.<Long>getAccumulatorResult(CASES),
                result.getNetRuntime() / 1000.0,
                tasks);
    }

    private static LoggedEvent sum(LoggedEvent a, LoggedEvent b) {
        return new LoggedEvent(a.caseHash(), a.day() + b.day(), b.position(), a.bytes());
    }

    /** The job's tasks, each the operators chained into it: where the records cross from one task to another. */
    private static String tasks(StreamGraph graph) {
        StringBuilder tasks = new StringBuilder();
        for (JobVertex vertex : graph.getJobGraph().getVerticesSortedTopologicallyFromSources()) {
            tasks.append(tasks.length() == 0 ? "" : " | ").append(vertex.getName());
        }
        return tasks.toString();
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
