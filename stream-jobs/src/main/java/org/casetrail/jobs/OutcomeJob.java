package org.casetrail.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.casetrail.jobs.flink.JourneyFunction;
import org.casetrail.jobs.flink.ReleaseAssembly;
import org.casetrail.jobs.kafka.CaseEventDeserializer;
import org.casetrail.jobs.kafka.EventLogScan;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.release.ParquetReleaseSinks;
import org.casetrail.jobs.release.ReleaseSinks;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * The outcome job: case events in, every warehouse table out. One pipeline for both execution
 * modes; {@link #build} is the whole of it and knows nothing of Kafka or files.
 */
public final class OutcomeJob {

    /** The logic's parameters: the reference date, the suppression threshold and the log's key. */
    public record Settings(LocalDate asOf, int k, String keyFingerprint) {
    }

    /** A batch replay of a whole topic into a release folder. */
    public record ReplayRequest(String bootstrapServers, String topic, Path releaseDir, LocalDate asOf, int k,
                                int parallelism) {
    }

    /** What a replay read and wrote, for the release manifest. */
    public record ReplayResult(EventLogScan.Result log, LocalDate asOf, int k, Map<String, Long> counters) {
    }

    private OutcomeJob() {
    }

    public static void build(DataStream<CaseEvent> events, Settings settings, ReleaseSinks sinks) {
        SingleOutputStreamOperator<CellContribution> contributions = events
                .keyBy(CaseEvent::getCasePseudonym, Types.STRING)
                .process(new JourneyFunction(settings.asOf(), settings.keyFingerprint()))
                .name("journeys").uid("journeys");
        sinks.sink(Tables.CASE_JOURNEYS, contributions.getSideOutput(JourneyFunction.JOURNEYS));
        sinks.sink(Tables.TESTIMONIES, contributions.getSideOutput(JourneyFunction.TESTIMONIES));

        SingleOutputStreamOperator<Void> assembled = contributions
                .keyBy(CellContribution::cellId, Types.STRING)
                .reduce(CellContribution::merge).name("cells").uid("cells")
                .keyBy(cell -> 0, Types.INT)
                .process(new ReleaseAssembly(settings.k())).name("disclosure control").uid("disclosure-control")
                .setParallelism(1).setMaxParallelism(1);
        for (TableSpec spec : Tables.SUPPRESSED) {
            sinks.sink(spec, assembled.getSideOutput(ReleaseAssembly.outputOf(spec)));
            sinks.sink(spec.unsuppressed(), assembled.getSideOutput(ReleaseAssembly.outputOf(spec.unsuppressed())));
        }
    }

    /** Replays the whole topic, as it stands now, in BATCH mode on a local Flink. */
    public static ReplayResult replay(ReplayRequest request) throws Exception {
        EventLogScan.Result log = EventLogScan.scan(request.bootstrapServers(), request.topic());
        String fingerprint = log.keyFingerprint();
        LocalDate asOf = request.asOf() != null ? request.asOf() : log.latestOccurredOn();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(request.parallelism(), localConfiguration());
        KafkaSource<CaseEvent> source = KafkaSource.<CaseEvent>builder()
                .setBootstrapServers(request.bootstrapServers())
                .setTopics(request.topic())
                .setGroupId("casetrail-replay")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(log.stoppingOffsets()))
                .setDeserializer(new CaseEventDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("enable.auto.commit", "false")
                .build();
        DataStream<CaseEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "event log")
                .uid("event-log");
        build(events, new Settings(asOf, request.k(), fingerprint), new ParquetReleaseSinks(request.releaseDir()));
        JobExecutionResult result = env.execute("casetrail replay");
        Map<String, Long> counters = new TreeMap<>();
        result.getAllAccumulatorResults().forEach((name, value) -> {
            if (value instanceof Number number) {
                counters.put(name, number.longValue());
            }
        });
        return new ReplayResult(log, asOf, request.k(), counters);
    }

    /** A local Flink that listens on loopback only and runs the job as a batch. */
    static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("jobmanager.rpc.address", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        return conf;
    }
}
