package org.casetrail.jobs;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
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
import org.casetrail.jobs.flink.CellSumsOperator;
import org.casetrail.jobs.flink.JobCounters;
import org.casetrail.jobs.flink.JourneyFunction;
import org.casetrail.jobs.flink.LatestEventDays;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.flink.ReleaseAssembly;
import org.casetrail.jobs.flink.TableUpdate;
import org.casetrail.jobs.kafka.CaseEventDeserializer;
import org.casetrail.jobs.kafka.EventLogScan;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.SnapshotSummaryCodec;

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
    public record Settings(
            LocalDate asOf,
            ReportingPeriod period,
            String keyFingerprint,
            String perturbationSecretFile,
            DisclosureSettings disclosure,
            ReleaseAssembly.Target target,
            long snapshotIntervalMillis) {}

    /**
     * A batch replay of a whole topic into a release folder.
     *
     * @param asOf   the release's as_of, or null for the last end of {@code period} on or before the latest event date
     * @param period with no as_of given, the reporting period; null to take the latest event date itself
     */
    public record ReplayRequest(
            String bootstrapServers,
            String topic,
            Path releaseDir,
            LocalDate asOf,
            ReportingPeriod period,
            Path perturbationSecretFile,
            DisclosureSettings disclosure,
            int parallelism,
            Cluster cluster) {

        /** A replay on a local Flink in this process. */
        public ReplayRequest(
                String bootstrapServers,
                String topic,
                Path releaseDir,
                LocalDate asOf,
                ReportingPeriod period,
                Path perturbationSecretFile,
                DisclosureSettings disclosure,
                int parallelism) {
            this(
                    bootstrapServers,
                    topic,
                    releaseDir,
                    asOf,
                    period,
                    perturbationSecretFile,
                    disclosure,
                    parallelism,
                    null);
        }
    }

    /**
     * A Flink cluster to submit to instead of running a local one: its JobManager's REST address
     * and the job jar (stream-jobs' casetrail-job.jar) shipped with the job.
     */
    public record Cluster(String host, int port, Path jobJar) {

        /** From HOST:PORT, as --flink-master and {@code flink run -m} take it. */
        public static Cluster of(String hostPort, Path jobJar) {
            int colon = hostPort.lastIndexOf(':');
            int port;
            try {
                port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new JobException(
                        "a Flink master is HOST:PORT (the JobManager's REST address), not '" + hostPort + "'");
            }
            return new Cluster(hostPort.substring(0, colon), port, jobJar);
        }
    }

    /**
     * What a replay read and wrote, for the release manifest.
     *
     * @param eventsRead the events the job's source counted on the way in
     * @param jobTime how long the Flink job itself ran, start-up and the log scan before it excluded
     */
    public record ReplayResult(EventLogScan.Result log, SnapshotSummary summary, long eventsRead, Duration jobTime) {}

    /** A continuous run over a topic, writing numbered snapshots and checkpointing its state. */
    public record StreamRequest(
            String bootstrapServers,
            String topic,
            Path snapshotRoot,
            Path checkpointDir,
            String restoreFrom,
            LocalDate asOf,
            Path perturbationSecretFile,
            DisclosureSettings disclosure,
            int parallelism,
            Duration snapshotInterval,
            Duration checkpointInterval,
            Cluster cluster) {

        /** A continuous run on a local Flink in this process. */
        public StreamRequest(
                String bootstrapServers,
                String topic,
                Path snapshotRoot,
                Path checkpointDir,
                String restoreFrom,
                LocalDate asOf,
                Path perturbationSecretFile,
                DisclosureSettings disclosure,
                int parallelism,
                Duration snapshotInterval,
                Duration checkpointInterval) {
            this(
                    bootstrapServers,
                    topic,
                    snapshotRoot,
                    checkpointDir,
                    restoreFrom,
                    asOf,
                    perturbationSecretFile,
                    disclosure,
                    parallelism,
                    snapshotInterval,
                    checkpointInterval,
                    null);
        }
    }

    /** How often a streaming run passes on its cell sums: as often as a quiet case folds. */
    private static final long CELL_SUMS_FLUSH_MILLIS = 200;

    private OutcomeJob() {}

    public static void build(DataStream<LoggedEvent> events, Settings settings) {
        // Only a subtask's new latest dates go to as_of: a second shuffle of every event would cost as much as the
        // first.
        SingleOutputStreamOperator<LocalDate> asOf = events.flatMap(new LatestEventDays(), Types.INT)
                .name("latest event dates")
                .uid("event-dates")
                // Chained to the source, whatever its parallelism.
                .setParallelism(events.getParallelism())
                .keyBy(day -> 0, Types.INT)
                .process(
                        new AsOfTracker(settings.asOf(), settings.period(), settings.snapshotIntervalMillis()),
                        Types.LOCAL_DATE)
                .name("as_of")
                .uid("as-of")
                .setParallelism(1)
                .setMaxParallelism(1);
        BroadcastStream<LocalDate> asOfBroadcast = asOf.broadcast(JourneyFunction.AS_OF);

        SingleOutputStreamOperator<CellContribution> contributions = events.keyBy(LoggedEvent::caseHash, Types.LONG)
                .connect(asOfBroadcast)
                .process(
                        new JourneyFunction(
                                settings.keyFingerprint(),
                                settings.perturbationSecretFile(),
                                settings.disclosure().consentBasis()),
                        TypeInformation.of(CellContribution.class))
                .name("journeys")
                .uid("journeys");

        // Summed where they are made: a replay then shuffles a few sums per cell, not sixty contributions per woman.
        boolean streaming = settings.target().numbered();
        DataStream<TableUpdate> cellSums = contributions
                .transform(
                        "cell sums",
                        TypeInformation.of(CellContribution.class),
                        new CellSumsOperator(streaming ? CELL_SUMS_FLUSH_MILLIS : 0))
                .uid("cell-sums")
                .keyBy(CellContribution::cellId, Types.STRING)
                .reduce(CellContribution::merge)
                .name("cells")
                .uid("cells")
                .map(TableUpdate::ofCell, TypeInformation.of(TableUpdate.class))
                .name("cell updates")
                .uid("cell-updates");

        cellSums.union(contributions.getSideOutput(JourneyFunction.JOURNEYS), asOf.getSideOutput(AsOfTracker.PROGRESS))
                .keyBy(update -> 0, Types.INT)
                .process(
                        new ReleaseAssembly(
                                settings.disclosure(), settings.target(), settings.snapshotIntervalMillis()),
                        Types.VOID)
                .name("disclosure control and snapshots")
                .uid("release-assembly")
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /**
     * Replays the whole topic, as it stands now, in BATCH mode: on a local Flink, or on the
     * request's cluster (whose TaskManagers must then see the release folder and the
     * perturbation secret at the same paths as this process: a shared mount).
     */
    public static ReplayResult replay(ReplayRequest request) throws Exception {
        EventLogScan.Result log = EventLogScan.scan(request.bootstrapServers(), request.topic());
        StreamExecutionEnvironment env = environment(replayConfiguration(), request.parallelism(), request.cluster());
        wireReplay(
                env,
                request.bootstrapServers(),
                request.topic(),
                log,
                new Settings(
                        request.asOf(),
                        request.period(),
                        log.keyFingerprint(),
                        request.perturbationSecretFile().toString(),
                        request.disclosure(),
                        new ReleaseAssembly.Target(request.releaseDir().toUri().toString(), false),
                        1000));
        JobExecutionResult result = env.execute("casetrail replay");
        Object eventsRead = result.getAllAccumulatorResults().get(JobCounters.EVENTS_READ);
        SnapshotSummary summary;
        try (InputStream in = Files.newInputStream(request.releaseDir().resolve(SnapshotSummary.FILE_NAME))) {
            summary = SnapshotSummaryCodec.read(in);
        }
        return new ReplayResult(
                log,
                summary,
                eventsRead instanceof Number n ? n.longValue() : 0,
                Duration.ofMillis(result.getNetRuntime()));
    }

    /** Starts the continuous job, on a local Flink or the request's cluster, and returns at once; the caller stops it through the client. */
    public static JobClient stream(StreamRequest request) throws Exception {
        EventLogScan.Result log = EventLogScan.scan(request.bootstrapServers(), request.topic());
        Configuration conf = streamConfiguration(
                request.checkpointDir().toUri().toString(), request.checkpointInterval(), request.restoreFrom());
        StreamExecutionEnvironment env = environment(conf, request.parallelism(), request.cluster());
        wireStream(
                env,
                request.bootstrapServers(),
                request.topic(),
                new Settings(
                        request.asOf(),
                        null,
                        log.keyFingerprint(),
                        request.perturbationSecretFile().toString(),
                        request.disclosure(),
                        new ReleaseAssembly.Target(
                                request.snapshotRoot().toUri().toString(), true),
                        request.snapshotInterval().toMillis()));
        return env.executeAsync("casetrail stream");
    }

    /** The bounded read of the topic up to the offsets the scan fixed, into the pipeline. */
    static void wireReplay(
            StreamExecutionEnvironment env,
            String bootstrapServers,
            String topic,
            EventLogScan.Result log,
            Settings settings) {
        KafkaSource<LoggedEvent> source = source(bootstrapServers, topic, "casetrail-replay")
                .setBounded(OffsetsInitializer.offsets(log.stoppingOffsets()))
                .build();
        build(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "event log")
                        .uid("event-log")
                        .setParallelism(sourceParallelism(
                                env.getParallelism(), log.stoppingOffsets().size())),
                settings);
    }

    /**
     * A source subtask for each partition, where there are a few more partitions than the job's
     * parallelism. A subtask reads whole partitions, so three partitions on two subtasks leave one
     * of them with twice the work, reading alone on one core for the last third of the source
     * stage; three subtasks on two cores share both until all three are done. Far more partitions
     * than that keep the job's parallelism, as do fewer. The subtasks load the case keys once
     * between them ({@code CaseKeyDirectory}), so a third subtask does not load them a third time.
     */
    static int sourceParallelism(int parallelism, int partitions) {
        return partitions > parallelism && partitions <= 2 * parallelism ? partitions : parallelism;
    }

    /** The unbounded read of the topic, into the pipeline. */
    static void wireStream(StreamExecutionEnvironment env, String bootstrapServers, String topic, Settings settings) {
        KafkaSource<LoggedEvent> source = source(bootstrapServers, topic, "casetrail-stream")
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
        build(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "event log")
                        .uid("event-log"),
                settings);
    }

    /** BATCH mode; on a cluster, see {@link #environment} for restarts. */
    static Configuration replayConfiguration() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // Exchanges stay blocking: the journeys read every event only after the broadcast as_of, which needs
        // every event first, so a pipelined exchange would wait on itself.
        return conf;
    }

    static Configuration streamConfiguration(String checkpointDir, Duration checkpointInterval, String restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        restarts(conf, 3, "2 s");
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        return conf;
    }

    /**
     * A bounded number of restarts. A deterministic failure, such as a log mixing two keys, is a
     * {@link JobException}, which Flink does not restart at all.
     */
    private static void restarts(Configuration conf, int attempts, String delay) {
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", Integer.toString(attempts));
        conf.setString("restart-strategy.fixed-delay.delay", delay);
    }

    /**
     * On a cluster, a job of either mode survives a lost TaskManager: Flink runs the failed regions
     * again (BATCH) or restores the last checkpoint (STREAMING). The restarts are spaced to outlast
     * the time a cluster takes to notice a lost TaskManager, so they are not all spent meanwhile.
     */
    static void clusterRestarts(Configuration conf) {
        restarts(conf, 6, "5 s");
        // And the parallelism asked for is the parallelism used: in BATCH mode Flink's adaptive
        // scheduler would otherwise pick its own for the keyed operators from the data's size.
        conf.setString("execution.batch.adaptive.auto-parallelism.enabled", "false");
    }

    /** A local Flink listening on loopback only, or the cluster's, with the job jar shipped to it. */
    static StreamExecutionEnvironment environment(Configuration conf, int parallelism, Cluster cluster) {
        if (cluster == null) {
            Configuration local = localConfiguration();
            local.addAll(conf);
            return StreamExecutionEnvironment.createLocalEnvironment(parallelism, local);
        }
        if (!java.nio.file.Files.isRegularFile(cluster.jobJar())) {
            throw new JobException("submitting to a Flink cluster needs the job jar, and there is none at "
                    + cluster.jobJar() + "; build it with: mvn -B -DskipTests package -pl stream-jobs -am");
        }
        clusterRestarts(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
                cluster.host(),
                cluster.port(),
                conf,
                cluster.jobJar().toAbsolutePath().toString());
        env.setParallelism(parallelism);
        return env;
    }

    private static KafkaSourceBuilder<LoggedEvent> source(String bootstrapServers, String topic, String group) {
        return KafkaSource.<LoggedEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new CaseEventDeserializer(bootstrapServers, EventLogTopics.caseKeysFor(topic)))
                .setProperty("isolation.level", "read_committed")
                .setProperty("enable.auto.commit", "false")
                .setProperty("commit.offsets.on.checkpoint", "false");
    }

    /** A local Flink that listens on loopback only (the bench's plain Flink jobs run on the same). */
    public static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("jobmanager.rpc.address", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        // Shuffles stay on this machine: compressing them costs CPU and saves only disk writes.
        conf.set(
                NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
                NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        // The keyed sorts get a share of the memory this JVM may use, so a log that fits spills less;
        // off-heap, and within the JVM's direct memory limit, which defaults to its heap size.
        conf.setString("taskmanager.memory.managed.size", (Runtime.getRuntime().maxMemory() / 4) + "b");
        return conf;
    }
}
