package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.casetrail.cli.cluster.FlinkCluster;
import org.casetrail.cli.cluster.KafkaCluster;
import org.casetrail.cli.cluster.LoopbackCluster;
import org.casetrail.cli.cluster.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same commands on a loopback cluster of separate processes: 3 Kafka brokers and a Flink
 * session cluster (a JobManager, three TaskManagers of two slots, running only what a Flink
 * distribution has, so the job jar must bring the rest). A replay submitted with --flink-master at
 * parallelism 2 gives exactly the rows of a replay on the embedded Flink; with a TaskManager
 * killed (SIGKILL) midway it recovers and gives them again; a stream that loses a TaskManager while
 * events arrive recovers and ends with the replay's tables. One cluster, one ingested log and its
 * replay on the embedded Flink serve the four tests, in any order. Each kill takes one TaskManager
 * away for good: of the three, the two tests that kill leave one, which the others need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkClusterIT {

    private static final String TOPIC = "case-events";
    private static final String LIVE_TOPIC = "live-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One client for every REST call: the tests poll the JobManager every few milliseconds. */
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;

    private KafkaCluster kafka;
    private FlinkCluster flink;
    private String bootstrap;
    private String master;
    private Path key;
    private long events;
    /** The embedded replay of TOPIC: its warehouse (whose perturbation secret the others copy), release and time. */
    private Path embeddedWarehouse;

    private Path embeddedRelease;
    private long embeddedMillis;

    @BeforeAll
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void startTheClusterIngestAndReplayOnTheEmbeddedFlink() throws Exception {
        Path clusterDir = dir.resolve("cluster");
        Path cliJar = CliProcessesIT.JAR.toAbsolutePath();
        kafka = KafkaCluster.start(clusterDir, 3, LoopbackCluster.classpathOf(cliJar), node -> {});
        flink = FlinkCluster.start(clusterDir, 3, cliJar, node -> {});
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        try {
            kafka.awaitBrokers(3, deadline, clusterDir);
            flink.awaitTaskManagers(3, deadline, clusterDir);
        } catch (CliException e) {
            stopAll();
            Assumptions.abort(
                    "the loopback cluster (3 Kafka brokers, a Flink JobManager and 3 TaskManagers) cannot start here,"
                            + " so the cluster tests cannot run: " + e.getMessage());
        }
        bootstrap = kafka.bootstrapServers();
        master = flink.restAddress();

        key = dir.resolve("ngo.key");
        Path export = dir.resolve("export.jsonl");
        assertThat(CliProcessesIT.run("keys", "init", "--key-file", key.toString())
                        .status())
                .isZero();
        // Enough events that a replay on the cluster runs for seconds: the TaskManager test kills one while it does.
        assertThat(CliProcessesIT.run("generate", "--cases", "4000", "--seed", "41", "--out", export.toString())
                        .status())
                .isZero();
        events = LiveSnapshotOutput.accepted(CliProcessesIT.run(
                "ingest", "--bootstrap-server", bootstrap, "--key-file", key.toString(), export.toString()));

        // What every run on the cluster must give: the release of a replay on the embedded Flink.
        embeddedWarehouse = dir.resolve("embedded");
        long started = System.nanoTime();
        CliProcessesIT.Result embedded = CliProcessesIT.run(
                "replay", "--bootstrap-server", bootstrap, "--warehouse", embeddedWarehouse.toString());
        assertThat(embedded.status()).as(embedded.out()).isZero();
        assertThat(embedded.out()).contains(events + " events read");
        embeddedMillis = elapsedMillis(started);
        embeddedRelease = releaseDir(embeddedWarehouse, embedded.out());
        assertThat(EndToEndTest.checksums(embeddedRelease))
                .as("every table has rows")
                .allSatisfy(line -> assertThat(line.split(" ")[1]).isNotEqualTo("0"));
    }

    @AfterAll
    void stopAll() {
        if (flink != null) {
            flink.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aReplayOnTheClusterGivesExactlyTheRowsOfTheEmbeddedRun() throws Exception {
        Path onCluster = warehouseWithTheSameSecret("on-cluster");
        int replaysBefore = jobs("casetrail replay").size();
        long started = System.nanoTime();
        CliProcessesIT.Result replay = CliProcessesIT.run(
                "replay",
                "--bootstrap-server",
                bootstrap,
                "--warehouse",
                onCluster.toString(),
                "--flink-master",
                master,
                "--parallelism",
                "2");
        assertThat(replay.status()).as(replay.out()).isZero();
        System.out.printf(
                "replay of %d events: embedded %d ms, on the cluster %d ms%n",
                events, embeddedMillis, elapsedMillis(started));

        assertThat(replay.out()).contains(events + " events read");
        assertThat(jobs("casetrail replay")).as("the replay ran on the cluster").hasSize(replaysBefore + 1);
        assertThat(EndToEndTest.checksums(releaseDir(onCluster, replay.out())))
                .isEqualTo(EndToEndTest.checksums(embeddedRelease));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theJobJarRunsWithFlinkRunAndItsSnapshotAtTheReleasesAsOfHasTheReleasesRows() throws Exception {
        String asOf = JSON.readTree(embeddedRelease.resolve("manifest.json").toFile())
                .get("as_of")
                .asText();
        Path warehouse = warehouseWithTheSameSecret("flink-run");
        Path conf = Files.createDirectories(dir.resolve("flink-client-conf"));
        Files.writeString(conf.resolve("config.yaml"), "");
        Path jobJar = CliProcessesIT.JAR
                .toAbsolutePath()
                .getParent()
                .getParent()
                .getParent()
                .resolve("stream-jobs/target/casetrail-job.jar");
        Path cliLib = CliProcessesIT.JAR.toAbsolutePath().resolveSibling("lib");
        ProcessBuilder run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-cp",
                        cliLib.resolve("*").toString(),
                        "org.apache.flink.client.cli.CliFrontend",
                        "run",
                        "-m",
                        master,
                        "-d",
                        jobJar.toString(),
                        "--bootstrap-server",
                        bootstrap,
                        "--warehouse",
                        warehouse.toString(),
                        "--as-of",
                        asOf,
                        "--parallelism",
                        "2",
                        "--snapshot-interval",
                        "2",
                        "--checkpoint-interval",
                        "2")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("flink-run.out").toFile());
        run.environment().put("FLINK_CONF_DIR", conf.toString());
        Process client = run.start();
        assertThat(client.waitFor(2, TimeUnit.MINUTES))
                .as("flink run returned (detached)")
                .isTrue();
        String said = Files.readString(dir.resolve("flink-run.out"));
        assertThat(client.exitValue()).as(said).isZero();
        // The newest stream job: another test's stream may have run on this cluster before.
        List<JsonNode> streams = jobs("casetrail stream");
        String jobId = streams.get(streams.size() - 1).get("jid").asText();
        try {
            Path live = warehouse.resolve("live").resolve(TOPIC);
            // The last snapshot, once all events are seen and no newer one has come for a while:
            // "events seen" counts what as_of saw, and the journeys may still be catching up.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            Path snapshot = null;
            Path newest = null;
            long quietSince = System.nanoTime();
            while (snapshot == null && System.nanoTime() < deadline) {
                Path now = null;
                try (var folders = Files.list(live)) {
                    now = folders.filter(f -> f.getFileName().toString().matches("\\d+"))
                            .max(java.util.Comparator.naturalOrder())
                            .orElse(null);
                } catch (java.io.IOException e) {
                    // Not there yet.
                }
                if (now != null && !now.equals(newest)) {
                    newest = now;
                    quietSince = System.nanoTime();
                } else if (newest != null
                        && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(8)
                        && JSON.readTree(newest.resolve("snapshot.json").toFile())
                                        .get("events_seen")
                                        .asLong()
                                == events) {
                    snapshot = newest;
                }
                assertThat(jobState(jobId)).isIn("CREATED", "INITIALIZING", "RUNNING");
                Thread.sleep(500);
            }
            assertThat(snapshot)
                    .as("a live snapshot of all " + events + " events")
                    .isNotNull();
            assertThat(Files.getPosixFilePermissions(live))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            assertThat(EndToEndTest.checksums(snapshot)).isEqualTo(EndToEndTest.checksums(embeddedRelease));
        } finally {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + master + "/jobs/" + jobId + "?mode=cancel"))
                                    .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            awaitNotRunning(jobId);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aReplayThatLosesATaskManagerRecoversWithTheSameRelease() throws Exception {
        Path warehouse = warehouseWithTheSameSecret("killed");
        Path out = dir.resolve("replay-killed.out");
        // Another test's replay may have run on the cluster already: this one is the job not listed yet.
        List<String> before = jobs("casetrail replay").stream()
                .map(j -> j.get("jid").asText())
                .toList();
        Process replay = new ProcessBuilder(CliProcessesIT.java(
                        "replay",
                        "--bootstrap-server",
                        bootstrap,
                        "--warehouse",
                        warehouse.toString(),
                        "--flink-master",
                        master,
                        "--parallelism",
                        "2"))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        String jobId;
        try {
            jobId = awaitJob(
                    "casetrail replay",
                    replay,
                    out,
                    job -> !before.contains(job.get("jid").asText()));
            NodeProcess victim = stoppedWhileBusy(jobId, replay, out);
            victim.kill();
            System.out.println("killed " + victim.name() + " during the replay");
            assertThat(replay.waitFor(5, TimeUnit.MINUTES))
                    .as("the replay finished")
                    .isTrue();
        } finally {
            replay.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(replay.exitValue()).as(text).isZero();
        assertThat(text).contains(events + " events read");
        assertThat(failures(jobId)).as("the job failed over at least once").isPositive();
        assertThat(EndToEndTest.checksums(releaseDir(warehouse, text)))
                .isEqualTo(EndToEndTest.checksums(embeddedRelease));
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aStreamThatLosesATaskManagerWhileEventsArriveEndsWithTheReplaysTables() throws Exception {
        Path first = dir.resolve("live-1.jsonl");
        Path second = dir.resolve("live-2.jsonl");
        assertThat(CliProcessesIT.run("generate", "--cases", "800", "--seed", "51", "--out", first.toString())
                        .status())
                .isZero();
        assertThat(CliProcessesIT.run(
                                "generate",
                                "--cases",
                                "1200",
                                "--seed",
                                "52",
                                "--start-year",
                                "2013",
                                "--years",
                                "3",
                                "--out",
                                second.toString())
                        .status())
                .isZero();
        long a = LiveSnapshotOutput.accepted(CliProcessesIT.run(
                "ingest",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                LIVE_TOPIC,
                "--key-file",
                key.toString(),
                first.toString()));

        Path streamed = dir.resolve("streamed");
        Path out = dir.resolve("stream.out");
        Process stream = new ProcessBuilder(CliProcessesIT.java(
                        "stream",
                        "--bootstrap-server",
                        bootstrap,
                        "--topic",
                        LIVE_TOPIC,
                        "--warehouse",
                        streamed.toString(),
                        "--flink-master",
                        master,
                        "--parallelism",
                        "2",
                        "--snapshot-interval",
                        "2",
                        "--checkpoint-interval",
                        "1"))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        Process ingest = null;
        String jobId;
        long b;
        try {
            jobId = awaitRunning("casetrail stream", stream, out);
            LiveSnapshotOutput.awaitSnapshot(out, a, stream);
            Path ingestOut = dir.resolve("ingest-2.out");
            ingest = new ProcessBuilder(CliProcessesIT.java(
                            "ingest",
                            "--bootstrap-server",
                            bootstrap,
                            "--topic",
                            LIVE_TOPIC,
                            "--key-file",
                            key.toString(),
                            second.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ingestOut.toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (endOffset(LIVE_TOPIC) <= a && ingest.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            NodeProcess victim = busyTaskManager(jobId);
            boolean arriving = ingest.isAlive();
            victim.kill();
            System.out.println("killed " + victim.name() + " during the stream, " + (arriving ? "while" : "after")
                    + " events arrived");
            assertThat(ingest.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String ingested = Files.readString(ingestOut, StandardCharsets.UTF_8);
            assertThat(ingest.exitValue()).as(ingested).isZero();
            b = Long.parseLong(ingested.replaceAll("(?s).*accepted (\\d+).*", "$1"));

            LiveSnapshotOutput.awaitSnapshot(out, a + b, stream);
            Thread.sleep(5000);
            assertThat(LiveSnapshotOutput.lastSeen(Files.readString(out)))
                    .as("no event counted twice after the recovery")
                    .isEqualTo(a + b);
            assertThat(failures(jobId)).as("the job failed over at least once").isPositive();
        } finally {
            if (ingest != null) {
                ingest.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            // SIGTERM: the stream's shutdown hook cancels the job on the cluster.
            stream.destroy();
            if (!stream.waitFor(60, TimeUnit.SECONDS)) {
                stream.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        awaitNotRunning(jobId);

        Path replayed = warehouseWithTheSameSecret("replayed", streamed);
        CliProcessesIT.Result replay = CliProcessesIT.run(
                "replay",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                LIVE_TOPIC,
                "--warehouse",
                replayed.toString(),
                "--as-of",
                LiveSnapshotOutput.lastAsOf(Files.readString(out)));
        assertThat(replay.status()).as(replay.out()).isZero();
        assertThat(replay.out()).contains((a + b) + " events read");
        String releaseId = replay.out().replaceAll("(?s).*?release (\\S+):.*", "$1");

        String sql = List.of(
                                "cohort_outcomes",
                                "training_outcomes",
                                "followup_status",
                                "shelter_occupancy",
                                "referral_sources",
                                "legal_outcomes",
                                "testimonies",
                                "case_journeys",
                                "unsuppressed_cohort_outcomes",
                                "unsuppressed_legal_outcomes")
                        .stream()
                        .map(t -> "SELECT '" + t + "' AS tbl, count(*) AS n, sum(hash(r)::HUGEINT) AS checksum FROM "
                                + t + " r")
                        .collect(Collectors.joining(" UNION ALL "))
                + " ORDER BY tbl";
        CliProcessesIT.Result s = CliProcessesIT.run(
                "query", "--restricted", "--live", "--format", "csv", "--warehouse", streamed.toString(), sql);
        CliProcessesIT.Result r = CliProcessesIT.run(
                "query",
                "--restricted",
                "--release",
                releaseId,
                "--format",
                "csv",
                "--warehouse",
                replayed.toString(),
                sql);
        assertThat(s.status()).as(s.out()).isZero();
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(LiveSnapshotOutput.csv(s.out())).isEqualTo(LiveSnapshotOutput.csv(r.out()));
        assertThat(LiveSnapshotOutput.csv(s.out()).lines().skip(1))
                .hasSize(10)
                .allSatisfy(line -> assertThat(line.split(",")[1]).isNotEqualTo("0"));
    }

    private Path warehouseWithTheSameSecret(String name) throws Exception {
        return warehouseWithTheSameSecret(name, embeddedWarehouse);
    }

    /** A new warehouse holding only the perturbation secret of {@code from}: same secret, same noise. */
    private Path warehouseWithTheSameSecret(String name, Path from) throws Exception {
        Path warehouse = dir.resolve(name);
        Files.createDirectories(warehouse);
        Files.copy(
                from.resolve("perturbation.key"),
                warehouse.resolve("perturbation.key"),
                StandardCopyOption.COPY_ATTRIBUTES);
        return warehouse;
    }

    private static Path releaseDir(Path warehouse, String replayOutput) {
        String id = replayOutput.replaceAll("(?s).*?release (\\S+):.*", "$1");
        Path release = warehouse.resolve("releases").resolve(id);
        assertThat(release).as(replayOutput).isDirectory();
        return release;
    }

    /** Waits for a job of this name to run on the cluster, with a task running on a TaskManager; returns its id. */
    private String awaitRunning(String name, Process client, Path out) throws Exception {
        return awaitJob(
                name,
                client,
                out,
                job -> job.get("state").asText().equals("RUNNING")
                        && runningOn(job.get("jid").asText()).isPresent());
    }

    /** A test on the state of one job of the cluster's job overview. */
    private interface JobCondition {
        boolean holds(JsonNode job) throws Exception;
    }

    /** Waits, while the client lives, for a job of this name that meets the condition; returns the latest one's id. */
    private String awaitJob(String name, Process client, Path out, JobCondition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String found = null;
            for (JsonNode job : jobs(name)) {
                if (condition.holds(job)) {
                    found = job.get("jid").asText();
                }
            }
            if (found != null) {
                return found;
            }
            assertThat(client.isAlive()).as(Files.readString(out)).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no job '" + name + "' as awaited on the cluster: " + Files.readString(out));
    }

    /**
     * A TaskManager stopped (SIGSTOP) while it holds a task of the job that has not finished, so the
     * job cannot end before the test kills it. On this log a replay runs for seconds only: a
     * TaskManager merely seen busy may be done by the time it is killed, and the job then has
     * nothing to recover from. The REST views may be web.refresh-interval (3 s) old, hence the wait
     * after the stop before looking again; a TaskManager whose tasks turn out finished is let go on.
     */
    private NodeProcess stoppedWhileBusy(String jobId, Process client, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            for (NodeProcess busy : holdingUnfinishedTasks(jobId)) {
                signal(busy, "STOP");
                Thread.sleep(4000);
                if (jobState(jobId).equals("RUNNING")
                        && holdingUnfinishedTasks(jobId).contains(busy)) {
                    return busy;
                }
                signal(busy, "CONT");
            }
            assertThat(client.isAlive()).as(Files.readString(out)).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no TaskManager held an unfinished task of the job: " + Files.readString(out));
    }

    /** The live TaskManagers on which a task of the job is deploying, initializing or running. */
    private List<NodeProcess> holdingUnfinishedTasks(String jobId) throws Exception {
        List<NodeProcess> busy = new ArrayList<>();
        for (JsonNode vertex : get("/jobs/" + jobId).get("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/"
                            + vertex.get("id").asText() + "/taskmanagers")
                    .get("taskmanagers")) {
                JsonNode counts = tm.path("status-counts");
                int unfinished = counts.path("DEPLOYING").asInt()
                        + counts.path("INITIALIZING").asInt()
                        + counts.path("RUNNING").asInt();
                String id = tm.path("taskmanager-id").asText("");
                if (unfinished > 0 && id.startsWith("taskmanager-")) {
                    NodeProcess process =
                            flink.taskManagers().get(Integer.parseInt(id.substring("taskmanager-".length())) - 1);
                    if (process.isAlive() && !busy.contains(process)) {
                        busy.add(process);
                    }
                }
            }
        }
        return busy;
    }

    private static void signal(NodeProcess node, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.pid()))
                .redirectErrorStream(true)
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -" + signal + " " + node.name())
                .isTrue();
    }

    private void awaitNotRunning(String jobId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            String state = jobState(jobId);
            if (!state.equals("RUNNING") && !state.equals("RESTARTING") && !state.equals("CANCELLING")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the stream's job still runs on the cluster after the stream stopped");
    }

    /** A live TaskManager running a task of the job. */
    private NodeProcess busyTaskManager(String jobId) throws Exception {
        return runningOn(jobId).orElseThrow(() -> new AssertionError("no TaskManager runs a task of the job"));
    }

    private Optional<NodeProcess> runningOn(String jobId) throws Exception {
        for (JsonNode vertex : get("/jobs/" + jobId).get("vertices")) {
            if (!vertex.get("status").asText().equals("RUNNING")) {
                continue;
            }
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/"
                            + vertex.get("id").asText() + "/taskmanagers")
                    .get("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText("");
                if (tm.path("status").asText().equals("RUNNING") && id.startsWith("taskmanager-")) {
                    NodeProcess process =
                            flink.taskManagers().get(Integer.parseInt(id.substring("taskmanager-".length())) - 1);
                    if (process.isAlive()) {
                        return Optional.of(process);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> jobs(String name) throws Exception {
        List<JsonNode> named = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").get("jobs")) {
            if (job.get("name").asText().equals(name)) {
                named.add(job);
            }
        }
        named.sort(java.util.Comparator.comparingLong(j -> j.get("start-time").asLong()));
        return named;
    }

    private String jobState(String jobId) throws Exception {
        return get("/jobs/" + jobId).get("state").asText();
    }

    /** Failures in the job's exception history: each one a failover the job recovered from (it finished). */
    private int failures(String jobId) throws Exception {
        return get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://" + master + path))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private long endOffset(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(20, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(20, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
