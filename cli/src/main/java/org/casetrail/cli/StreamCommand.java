package org.casetrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.release.Snapshot;
import org.casetrail.warehouse.audit.ReleaseAudit;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Run the outcome job continuously (Flink, streaming, checkpointed) over the event log, publishing",
                "each new snapshot of the tables as an audited release. Resumes from its last checkpoint; stop with Ctrl-C."})
final class StreamCommand implements Callable<Integer> {

    @Mixin
    JobOptions job;

    @Option(names = "--snapshot-interval", defaultValue = "10", description = "Seconds between snapshots of changed tables (default: ${DEFAULT-VALUE}).")
    int snapshotSeconds;

    @Option(names = "--checkpoint-interval", defaultValue = "5", description = "Seconds between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (job.k < 1 || snapshotSeconds < 1 || checkpointSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--k and the intervals must be at least 1");
        }
        Warehouse wh = new Warehouse(job.warehouse);
        Path snapshots = wh.root().resolve("snapshots").resolve(job.topic);
        Path checkpoints = wh.root().resolve("checkpoints").resolve(job.topic);
        Files.createDirectories(snapshots);
        Files.createDirectories(checkpoints);
        Optional<Path> restore = latestCheckpoint(checkpoints);
        System.out.println(restore.map(p -> "resuming from checkpoint " + p).orElse("starting from the beginning of topic " + job.topic));
        JobClient running = OutcomeJob.stream(new OutcomeJob.StreamRequest(job.bootstrapServer, job.topic, snapshots, checkpoints,
                restore.map(Path::toString).orElse(null), job.asOf, job.k, job.parallelism, Duration.ofSeconds(snapshotSeconds),
                Duration.ofSeconds(checkpointSeconds)));

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                // Cancelling keeps the last checkpoint, so the next run resumes from it.
                running.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Going down anyway.
            }
            stopped.countDown();
        }, "stream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("streaming; snapshots are published to " + wh.current() + " as they change. Stop with Ctrl-C.");
        System.out.flush();

        while (!stopped.await(1, TimeUnit.SECONDS)) {
            JobStatus status = running.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status == JobStatus.FAILED) {
                try {
                    running.getJobExecutionResult().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    Throwable cause = Casetrail.userFacing(e);
                    throw new CliException("the streaming job failed: " + (cause != null ? cause.getMessage() : e.getClass().getSimpleName()));
                }
            }
            publishLatest(wh, snapshots);
        }
        return 0;
    }

    /** Publishes the newest complete snapshot as an audited release and drops the older unpublished ones. */
    private void publishLatest(Warehouse wh, Path snapshots) throws IOException {
        List<Path> complete;
        try (Stream<Path> dirs = Files.list(snapshots)) {
            complete = dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .filter(d -> Files.isRegularFile(d.resolve(Snapshot.DESCRIPTION)))
                    .sorted(Comparator.comparing(d -> d.getFileName().toString())).toList();
        }
        if (complete.isEmpty()) {
            return;
        }
        for (Path older : complete.subList(0, complete.size() - 1)) {
            deleteRecursively(older);
        }
        Path newest = complete.get(complete.size() - 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = JSON.readValue(newest.resolve(Snapshot.DESCRIPTION).toFile(), Map.class);
        Warehouse.Staged staged = wh.adopt(newest);
        List<String> failures = new ReleaseAudit(job.k).check(staged.dir());
        ReleaseManifest manifest = ReleaseProcess.manifest(staged.id(), "stream", job.topic, Map.of(),
                ((Number) snapshot.get("events_seen")).longValue(), null, snapshot).withAudit(new ReleaseManifest.Audit(failures.isEmpty(), failures));
        wh.complete(staged, manifest);
        if (failures.isEmpty()) {
            wh.publish(staged.id());
        }
        System.out.printf("snapshot %s: %d events seen, as of %s -> release %s%s%n", snapshot.get("sequence"), manifest.eventsRead(),
                manifest.asOf(), staged.id(), failures.isEmpty() ? " (current)" : " NOT published: audit failed: " + failures);
        System.out.flush();
    }

    /** The newest retained checkpoint that was completed (its _metadata written last). */
    static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(StreamCommand::lastModified));
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
