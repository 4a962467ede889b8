package org.casetrail.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.casetrail.jobs.flink.ReleaseAssembly;
import org.casetrail.jobs.kafka.EventLogScan;
import org.casetrail.jobs.options.JobFolders;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.jobs.release.RestrictedFiles;

/**
 * The main class of the job jar, for {@code flink run} and the JobManager's REST API: parses the
 * flags of {@code casetrail stream} (see {@link LaunchFlags}) and submits the same pipeline to
 * the cluster it was started against. Only wiring: the logic is {@link OutcomeJob#build}.
 *
 * <p>A release (manifest, audit, publication) is the CLI's work: {@code casetrail replay
 * --flink-master HOST:PORT} runs this same pipeline on the cluster and then does it. Here,
 * {@code --mode batch} writes one snapshot and nothing more.
 */
public final class OutcomeJobLauncher {

    private OutcomeJobLauncher() {}

    public static void main(String[] args) throws Exception {
        LaunchOptions options;
        try {
            Optional<LaunchOptions> parsed = LaunchOptions.parse(List.of(args));
            if (parsed.isEmpty()) {
                System.out.print(LaunchOptions.usage());
                return;
            }
            options = parsed.get();
            prepare(options);
        } catch (IOException e) {
            System.err.println("casetrail job: cannot prepare the warehouse: " + e.getMessage());
            System.exit(2);
            return;
        } catch (JobException e) {
            System.err.println("casetrail job: " + e.getMessage());
            System.exit(2);
            return;
        }
        EventLogScan.Result log = EventLogScan.scan(options.bootstrapServers(), options.topic());
        Configuration conf = options.batch()
                ? OutcomeJob.replayConfiguration()
                : OutcomeJob.streamConfiguration(options.checkpoints(), options.checkpointInterval(), null);
        OutcomeJob.clusterRestarts(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(options.parallelism());
        OutcomeJob.Settings settings = new OutcomeJob.Settings(
                options.asOf(),
                options.period(),
                log.keyFingerprint(),
                options.secretFile().toString(),
                options.disclosure(),
                new ReleaseAssembly.Target(options.out(), !options.batch()),
                options.batch() ? 1000 : options.snapshotInterval().toMillis());
        if (options.batch()) {
            OutcomeJob.wireReplay(env, options.bootstrapServers(), options.topic(), log, settings);
            env.execute("casetrail replay (snapshot only)");
        } else {
            OutcomeJob.wireStream(env, options.bootstrapServers(), options.topic(), settings);
            env.execute("casetrail stream");
        }
    }

    /** The secret and, on a local or shared file system, the owner-only live folder, as casetrail stream makes them. */
    private static void prepare(LaunchOptions options) throws IOException {
        var warehouse = JobFolders.localPath(options.warehouse());
        if (warehouse.isPresent()
                && options.secretFile().equals(warehouse.get().resolve(PerturbationSecret.FILE_NAME))) {
            Files.createDirectories(warehouse.get());
            PerturbationSecret.openOrCreate(warehouse.get());
        } else {
            PerturbationSecret.load(options.secretFile());
        }
        var out = JobFolders.localPath(options.out());
        if (out.isPresent() && !options.batch()) {
            Files.createDirectories(out.get());
            RestrictedFiles.lockDown(out.get());
        }
    }
}
