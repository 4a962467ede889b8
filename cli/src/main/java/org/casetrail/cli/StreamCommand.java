package org.casetrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.options.JobFlags;
import org.casetrail.jobs.options.JobFolders;
import org.casetrail.jobs.options.StreamFlags;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.jobs.release.RestrictedFiles;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.warehouse.release.LiveSnapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = {
            "Run the outcome job continuously (Flink, streaming, checkpointed) over the event log, writing live",
            "snapshots of every table for the organisation under <warehouse>/live/ (restricted, owner-only; never a",
            "public release: publish with replay). Resumes from its last checkpoint; stop with Ctrl-C."
        })
final class StreamCommand implements Callable<Integer> {

    @Mixin
    JobFlags job;

    @Mixin
    StreamFlags intervals;

    @Mixin
    ClusterFlags flink;

    @Override
    public Integer call() throws Exception {
        JobFolders folders = job.folders();
        Path root = folders.localRoot();
        PerturbationSecret.openOrCreate(root);
        Path live = folders.localLive();
        Path checkpoints = folders.localCheckpoints();
        Files.createDirectories(live);
        Files.createDirectories(checkpoints);
        // Live snapshots hold exact tables and journeys: the owner's alone, like every restricted folder.
        RestrictedFiles.lockDown(live.getParent());
        RestrictedFiles.lockDown(checkpoints.getParent());
        Optional<Path> restore = latestCheckpoint(checkpoints);
        System.out.println(restore.map(p -> "resuming from checkpoint " + p)
                .orElse("starting from the beginning of topic " + job.topic));
        JobClient running = OutcomeJob.stream(new OutcomeJob.StreamRequest(
                job.bootstrapServer,
                job.topic,
                live,
                checkpoints,
                restore.map(Path::toString).orElse(null),
                job.asOf,
                root.resolve(PerturbationSecret.FILE_NAME),
                job.disclosure(),
                job.parallelism,
                intervals.snapshotInterval(),
                intervals.checkpointInterval(),
                flink.cluster()));

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    try {
                        // Cancelling keeps the last checkpoint, so the next run resumes from it.
                        running.cancel().get(30, TimeUnit.SECONDS);
                    } catch (Exception ignored) {
                        // Going down anyway.
                    }
                    stopped.countDown();
                },
                "stream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("streaming; live snapshots (restricted) are written to " + live
                + " as the tables change. Stop with Ctrl-C.");
        System.out.flush();

        String announced = null;
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            JobStatus status = running.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status == JobStatus.FAILED) {
                try {
                    running.getJobExecutionResult().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    Throwable cause = Casetrail.userFacing(e);
                    throw new CliException("the streaming job failed: "
                            + (cause != null ? cause.getMessage() : e.getClass().getSimpleName()));
                }
            }
            announced = keepNewest(live, announced);
        }
        return 0;
    }

    /** Deletes every complete live snapshot but the newest, and says when a new one appeared. */
    private static String keepNewest(Path live, String announced) throws IOException {
        List<Path> complete = LiveSnapshots.complete(live);
        if (complete.isEmpty()) {
            return announced;
        }
        for (Path older : complete.subList(0, complete.size() - 1)) {
            deleteRecursively(older);
        }
        Path newest = complete.get(complete.size() - 1);
        String name = newest.getFileName().toString();
        if (!name.equals(announced)) {
            SnapshotSummary summary = LiveSnapshots.summary(newest);
            System.out.printf(
                    "live snapshot %s: %s events seen, as of %s -> %s%n",
                    summary.sequence(), summary.eventsSeen(), summary.asOf(), newest);
            System.out.flush();
        }
        return name;
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
