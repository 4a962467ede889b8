package org.casetrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.casetrail.ingest.publish.EventLogTopics;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.release.Snapshot;
import org.casetrail.schemas.ReleasedSchemas;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.audit.ReleaseAudit;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Run the outcome job continuously (Flink, streaming, checkpointed) over the event log, publishing",
                "each new snapshot of the tables as an audited release. Resumes from its last checkpoint; stop with Ctrl-C."})
final class StreamCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", required = true, description = "Kafka broker, HOST:PORT.")
    String bootstrapServer;

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--topic", defaultValue = EventLogTopics.DEFAULT_EVENTS, description = "Events topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--as-of", description = "Reference date YYYY-MM-DD (default: the latest event date seen so far).")
    LocalDate asOf;

    @Option(names = "--k", defaultValue = "" + SuppressionRule.DEFAULT_K, description = "Suppress cells of fewer than k women (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--snapshot-interval", defaultValue = "10", description = "Seconds between snapshots of changed tables (default: ${DEFAULT-VALUE}).")
    int snapshotSeconds;

    @Option(names = "--checkpoint-interval", defaultValue = "5", description = "Seconds between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (k < 1 || snapshotSeconds < 1 || checkpointSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--k and the intervals must be at least 1");
        }
        Warehouse wh = new Warehouse(warehouse);
        Path snapshots = wh.root().resolve("snapshots").resolve(topic);
        Path checkpoints = wh.root().resolve("checkpoints").resolve(topic);
        Files.createDirectories(snapshots);
        Files.createDirectories(checkpoints);
        Optional<Path> restore = latestCheckpoint(checkpoints);
        System.out.println(restore.map(p -> "resuming from checkpoint " + p).orElse("starting from the beginning of topic " + topic));
        JobClient job = OutcomeJob.stream(new OutcomeJob.StreamRequest(bootstrapServer, topic, snapshots, checkpoints,
                restore.map(Path::toString).orElse(null), asOf, k, parallelism, Duration.ofSeconds(snapshotSeconds),
                Duration.ofSeconds(checkpointSeconds)));

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                // Cancelling keeps the last checkpoint, so the next run resumes from it.
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Going down anyway.
            }
            stopped.countDown();
        }, "stream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("streaming; snapshots are published to " + wh.current() + " as they change. Stop with Ctrl-C.");
        System.out.flush();

        while (!stopped.await(1, TimeUnit.SECONDS)) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status == JobStatus.FAILED) {
                try {
                    job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
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
        List<String> failures = new ReleaseAudit(k).check(staged.dir());
        ReleaseManifest manifest = manifest(staged.id(), snapshot).withAudit(new ReleaseManifest.Audit(failures.isEmpty(), failures));
        wh.complete(staged, manifest);
        if (failures.isEmpty()) {
            wh.publish(staged.id());
        }
        System.out.printf("snapshot %s: %d events seen, as of %s -> release %s%s%n", snapshot.get("sequence"), manifest.eventsRead(),
                manifest.asOf(), staged.id(), failures.isEmpty() ? " (current)" : " NOT published: audit failed: " + failures);
        System.out.flush();
    }

    @SuppressWarnings("unchecked")
    private ReleaseManifest manifest(String id, Map<String, Object> snapshot) {
        Map<String, Long> cases = new LinkedHashMap<>();
        ((Map<String, Number>) snapshot.get("cases")).forEach((name, n) -> cases.put(name, n.longValue()));
        Map<String, ReleaseManifest.TableSummary> tables = new LinkedHashMap<>();
        ((Map<String, Map<String, Number>>) snapshot.get("tables")).forEach((name, t) -> tables.put(name,
                new ReleaseManifest.TableSummary(t.get("rows").longValue(), t.get("suppressed_primary").longValue(),
                        t.get("suppressed_secondary").longValue())));
        return new ReleaseManifest(id, Instant.now().toString(), "stream", topic, Map.of(),
                ((Number) snapshot.get("events_seen")).longValue(), (String) snapshot.get("as_of"), k,
                new SuppressionRule(k).publishable(), null,
                Map.of("case_event", ReleasedSchemas.currentCaseEventVersion(), "tables", Tables.SCHEMA_VERSION),
                Casetrail.codeVersion(), cases, tables, null);
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
