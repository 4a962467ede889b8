package org.casetrail.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.casetrail.jobs.flink.AsOfTracker;
import org.casetrail.jobs.flink.JourneyFunction;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.flink.ReleaseAssembly;
import org.casetrail.jobs.flink.TableUpdate;
import org.casetrail.jobs.kafka.CaseEventDeserializer;
import org.casetrail.jobs.kafka.EventLogScan;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.release.DisclosureSettings;
import org.casetrail.jobs.release.Snapshot;
import org.casetrail.schemas.release.ReportingPeriod;

/**
 * The outcome job: case events in, every warehouse table out. One pipeline for both execution
 * modes; {@link #build} is the whole of it and knows nothing of Kafka. In BATCH mode it writes
 * one snapshot, at the end of input, into a release folder; in STREAMING mode it writes numbered
 * snapshots as the tables change.
 */
public final class OutcomeJob {

    /**
     * The logic's parameters.
     *
     * @param asOf the release's reference date, or null for the latest event date in the log
     */
    public record Settings(LocalDate asOf, ReportingPeriod period, String keyFingerprint, String perturbationSecretFile,
                           DisclosureSettings disclosure, ReleaseAssembly.Target target, long snapshotIntervalMillis) {
    }

    /**
     * A batch replay of a whole topic into a release folder.
     *
     * @param asOf   the release's as_of, or null for the last end of {@code period} on or before the latest event date
     * @param period with no as_of given, the reporting period; null to take the latest event date itself
     */
    public record ReplayRequest(String bootstrapServers, String topic, Path releaseDir, LocalDate asOf, ReportingPeriod period,
                                Path perturbationSecretFile, DisclosureSettings disclosure, int parallelism) {
    }

    /** What a replay read and wrote, for the release manifest. */
    public record ReplayResult(EventLogScan.Result log, Map<String, Object> snapshot, Map<String, Long> counters) {
    }

    /** A continuous run over a topic, writing numbered snapshots and checkpointing its state. */
    public record StreamRequest(String bootstrapServers, String topic, Path snapshotRoot, Path checkpointDir,
                                String restoreFrom, LocalDate asOf, Path perturbationSecretFile, DisclosureSettings disclosure,
                                int parallelism, Duration snapshotInterval, Duration checkpointInterval) {
    }

    private OutcomeJob() {
    }

    public static void build(DataStream<LoggedEvent> events, Settings settings) {
        // Only an event's date goes to as_of: a second shuffle of whole events would cost as much as the first.
        SingleOutputStreamOperator<LocalDate> asOf = events
                .map(e -> e.day, Types.INT).name("event dates").uid("event-dates")
                .keyBy(day -> 0, Types.INT)
                .process(new AsOfTracker(settings.asOf(), settings.period(), settings.snapshotIntervalMillis()), Types.LOCAL_DATE)
                .name("as_of").uid("as-of").setParallelism(1).setMaxParallelism(1);
        BroadcastStream<LocalDate> asOfBroadcast = asOf.broadcast(JourneyFunction.AS_OF);

        SingleOutputStreamOperator<CellContribution> contributions = events
                .keyBy(LoggedEvent::casePseudonym, Types.STRING)
                .connect(asOfBroadcast)
                .process(new JourneyFunction(settings.keyFingerprint(), settings.perturbationSecretFile(),
                        settings.disclosure().consentBasis()), TypeInformation.of(CellContribution.class))
                .name("journeys").uid("journeys");

        DataStream<TableUpdate> cellSums = contributions
                .keyBy(CellContribution::cellId, Types.STRING)
                .reduce(CellContribution::merge).name("cells").uid("cells")
                .map(TableUpdate::ofCell, TypeInformation.of(TableUpdate.class)).name("cell updates").uid("cell-updates");

        cellSums.union(contributions.getSideOutput(JourneyFunction.JOURNEYS), asOf.getSideOutput(AsOfTracker.PROGRESS))
                .keyBy(update -> 0, Types.INT)
                .process(new ReleaseAssembly(settings.disclosure(), settings.target(), settings.snapshotIntervalMillis()), Types.VOID)
                .name("disclosure control and snapshots").uid("release-assembly")
                .setParallelism(1).setMaxParallelism(1);
    }

    /** Replays the whole topic, as it stands now, in BATCH mode on a local Flink. */
    public static ReplayResult replay(ReplayRequest request) throws Exception {
        EventLogScan.Result log = EventLogScan.scan(request.bootstrapServers(), request.topic());
        String fingerprint = log.keyFingerprint();

        Configuration conf = localConfiguration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // Exchanges stay blocking: the journeys read every event only after the broadcast as_of, which needs
        // every event first, so a pipelined exchange would wait on itself.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(request.parallelism(), conf);
        KafkaSource<LoggedEvent> source = source(request.bootstrapServers(), request.topic(), "casetrail-replay")
                .setBounded(OffsetsInitializer.offsets(log.stoppingOffsets()))
                .build();
        DataStream<LoggedEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "event log").uid("event-log");
        build(events, new Settings(request.asOf(), request.period(), fingerprint, request.perturbationSecretFile().toString(),
                request.disclosure(), new ReleaseAssembly.Target(request.releaseDir().toString(), false), 1000));
        JobExecutionResult result = env.execute("casetrail replay");
        Map<String, Long> counters = new TreeMap<>();
        result.getAllAccumulatorResults().forEach((name, value) -> {
            if (value instanceof Number number) {
                counters.put(name, number.longValue());
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(request.releaseDir().resolve(Snapshot.DESCRIPTION).toFile(), Map.class);
        return new ReplayResult(log, snapshot, counters);
    }

    /** Starts the continuous job on a local Flink and returns at once; the caller stops it through the client. */
    public static JobClient stream(StreamRequest request) throws Exception {
        EventLogScan.Result log = EventLogScan.scan(request.bootstrapServers(), request.topic());
        String fingerprint = log.keyFingerprint();

        Configuration conf = localConfiguration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, request.checkpointDir().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, request.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // A deterministic failure (a log mixing two keys) must stop the job, not restart it forever.
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "2 s");
        if (request.restoreFrom() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, request.restoreFrom());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(request.parallelism(), conf);
        KafkaSource<LoggedEvent> source = source(request.bootstrapServers(), request.topic(), "casetrail-stream")
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
        DataStream<LoggedEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "event log").uid("event-log");
        build(events, new Settings(request.asOf(), null, fingerprint, request.perturbationSecretFile().toString(),
                request.disclosure(), new ReleaseAssembly.Target(request.snapshotRoot().toString(), true),
                request.snapshotInterval().toMillis()));
        return env.executeAsync("casetrail stream");
    }

    private static KafkaSourceBuilder<LoggedEvent> source(String bootstrapServers, String topic, String group) {
        return KafkaSource.<LoggedEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new CaseEventDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("enable.auto.commit", "false")
                .setProperty("commit.offsets.on.checkpoint", "false");
    }

    /** A local Flink that listens on loopback only. */
    static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("jobmanager.rpc.address", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        return conf;
    }
}
