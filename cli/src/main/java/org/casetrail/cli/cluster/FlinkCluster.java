package org.casetrail.cli.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.casetrail.cli.CliException;

/**
 * A Flink standalone session cluster, one JobManager and N TaskManagers, each a process of its own
 * started from the CLI's jars (no Flink distribution), every address on 127.0.0.1.
 *
 * <p>A TaskManager refuses to start without its memory settings spelled out; Flink's own scripts
 * compute them with BashJavaUtils, which calls the methods used here.
 */
public final class FlinkCluster {

    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

    /** What Flink's own config.yaml passes to every JVM on Java 17 (reflective access by Kryo, Pekko and the runtime). */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final List<String> NOT_IN_A_FLINK_DISTRIBUTION = List.of(
            "casetrail-",
            "flink-connector-kafka",
            "flink-avro",
            "avro-",
            "parquet-",
            "hadoop-",
            "duckdb",
            "picocli",
            "jackson-",
            "kafka",
            "scala-",
            "argparse4j",
            "jopt-simple",
            "jose4j",
            "metrics-core",
            "pcollections");

    private final int restPort;
    private final NodeProcess jobManager;
    private final List<NodeProcess> taskManagers;

    private FlinkCluster(int restPort, NodeProcess jobManager, List<NodeProcess> taskManagers) {
        this.restPort = restPort;
        this.jobManager = jobManager;
        this.taskManagers = taskManagers;
    }

    /**
     * Writes the configuration under {@code dir}/flink and starts the JobManager and
     * {@code taskManagers} TaskManagers; returns at once (see {@link #awaitTaskManagers}).
     */
    public static FlinkCluster start(Path dir, int taskManagers, Path cliJar, Consumer<NodeProcess> started) {
        Path flinkDir = dir.resolve("flink").toAbsolutePath();
        Path confDir = flinkDir.resolve("conf");
        try {
            String classpath = runtimeClasspath(cliJar.toAbsolutePath().resolveSibling("lib"));
            Files.createDirectories(confDir);
            Files.createDirectories(flinkDir.resolve("tmp"));
            Path logConfig = NodeLogging.writeConfig(dir);
            Properties ports = ClusterRecord.ports(dir);
            int restPort = ClusterRecord.port(ports, "flink.rest-port");
            int rpcPort = ClusterRecord.port(ports, "flink.rpc-port");
            ClusterRecord.storePorts(dir, ports);
            Map<String, String> settings = settings(flinkDir, restPort, rpcPort);
            writeConfig(confDir, settings);
            Configuration config = GlobalConfiguration.loadConfiguration(confDir.toString());

            JobManagerProcessSpec jmSpec = JobManagerProcessUtils.processSpecFromConfig(config);
            List<String> jmJvm =
                    new ArrayList<>(split(JobManagerProcessUtils.generateJvmParametersStr(jmSpec, config)));
            jmJvm.addAll(logging(dir, logConfig, "flink-jobmanager"));
            List<String> jmArgs = new ArrayList<>(List.of("--configDir", confDir.toString()));
            jmArgs.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(jmSpec)));
            NodeProcess jobManager = NodeProcess.start(
                    "flink-jobmanager",
                    dir,
                    classpath,
                    jmJvm,
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    jmArgs);
            started.accept(jobManager);

            TaskExecutorProcessSpec tmSpec = TaskExecutorProcessUtils.processSpecFromConfig(config);
            List<NodeProcess> tms = new ArrayList<>();
            for (int i = 1; i <= taskManagers; i++) {
                String name = "flink-taskmanager-" + i;
                List<String> tmJvm = new ArrayList<>(split(ProcessMemoryUtils.generateJvmParametersStr(tmSpec)));
                tmJvm.addAll(logging(dir, logConfig, name));
                List<String> tmArgs = new ArrayList<>(List.of("--configDir", confDir.toString()));
                tmArgs.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tmSpec)));
                // A readable id in the web UI and the logs instead of host:port-random.
                tmArgs.addAll(List.of("-D", "taskmanager.resource-id=taskmanager-" + i));
                NodeProcess tm = NodeProcess.start(
                        name, dir, classpath, tmJvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tmArgs);
                tms.add(tm);
                started.accept(tm);
            }
            return new FlinkCluster(restPort, jobManager, List.copyOf(tms));
        } catch (IOException e) {
            throw new CliException("cannot set up Flink in " + flinkDir + ": " + e.getMessage());
        }
    }

    /**
     * The jars of the CLI's lib/ folder that a Flink distribution would have: not casetrail's own,
     * not the job's connectors and formats (Kafka, Avro, Parquet, Hadoop), not DuckDB or the
     * Kafka broker's. A job submitted here must then bring its classes in its own jar, as on a
     * real cluster, instead of passing only because the TaskManagers happen to have them.
     */
    static String runtimeClasspath(Path lib) throws IOException {
        try (var jars = Files.list(lib)) {
            List<String> kept = jars.map(Path::toString)
                    .filter(p -> p.endsWith(".jar"))
                    .filter(p -> NOT_IN_A_FLINK_DISTRIBUTION.stream()
                            .noneMatch(Path.of(p).getFileName().toString()::startsWith))
                    .sorted()
                    .toList();
            if (kept.stream().noneMatch(p -> p.contains("flink-runtime-"))) {
                throw new CliException(
                        "no Flink runtime jar in " + lib + "; build the CLI first (./casetrail --version)");
            }
            return String.join(java.io.File.pathSeparator, kept);
        }
    }

    static Map<String, String> settings(Path flinkDir, int restPort, int rpcPort) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("jobmanager.rpc.address", "127.0.0.1");
        s.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        s.put("jobmanager.bind-host", "127.0.0.1");
        s.put("rest.address", "127.0.0.1");
        s.put("rest.bind-address", "127.0.0.1");
        s.put("rest.port", Integer.toString(restPort));
        s.put("taskmanager.host", "127.0.0.1");
        s.put("taskmanager.bind-host", "127.0.0.1");
        s.put("jobmanager.memory.process.size", "768m");
        // 1 GiB left a TaskManager about 25 MB of task heap once metaspace (256m), overhead
        // (192m) and the framework took theirs; 1280m leaves about 285 MB with two slots.
        s.put("taskmanager.memory.process.size", "1280m");
        s.put("taskmanager.memory.managed.fraction", "0.25");
        s.put("taskmanager.numberOfTaskSlots", "2");
        s.put("parallelism.default", "2");
        s.put("jobmanager.execution.failover-strategy", "region");
        // A killed TaskManager is noticed within seconds (failed heartbeat RPCs), not the default 50 s.
        s.put("heartbeat.interval", "2000");
        s.put("heartbeat.timeout", "20000");
        s.put("io.tmp.dirs", flinkDir.resolve("tmp").toString());
        s.put("web.tmpdir", flinkDir.resolve("web").toString());
        s.put("blob.storage.directory", flinkDir.resolve("blobs").toString());
        return s;
    }

    private static void writeConfig(Path confDir, Map<String, String> settings) throws IOException {
        StringBuilder yaml = new StringBuilder(
                "# The loopback Flink cluster of cluster/up (written by it; changes are overwritten).\n");
        settings.forEach((k, v) ->
                yaml.append(k).append(": \"").append(v.replace("\"", "\\\"")).append("\"\n"));
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> logging(Path dir, Path logConfig, String name) {
        List<String> options = new ArrayList<>(JAVA_17_OPENS);
        options.add("-Dlog4j2.configurationFile=" + logConfig);
        options.add("-Dlog.file=" + ClusterRecord.logs(dir).toAbsolutePath().resolve(name + ".log"));
        return options;
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.strip().split("\\s+"))
                .filter(o -> !o.isEmpty())
                .toList();
    }

    /**
     * Waits until the JobManager's REST API reports {@code expected} TaskManagers.
     *
     * @throws CliException when a node exits or the deadline (System.nanoTime) passes first
     */
    public void awaitTaskManagers(int expected, long deadlineNanos, Path dir) {
        int seen = -1;
        while (System.nanoTime() < deadlineNanos) {
            List<NodeProcess> all = new ArrayList<>(taskManagers);
            all.add(0, jobManager);
            for (NodeProcess process : all) {
                if (!process.isAlive()) {
                    throw new CliException("Flink's " + process.name() + " exited while starting; see "
                            + ClusterRecord.logs(dir).resolve(process.name() + ".log") + " and " + process.name()
                            + ".out");
                }
            }
            seen = taskManagersSeen(restAddress(), Duration.ofSeconds(3));
            if (seen >= expected) {
                return;
            }
            KafkaCluster.sleep(500);
        }
        throw new CliException(
                seen < 0
                        ? "Flink's JobManager did not answer on " + restAddress() + " in time; see "
                                + ClusterRecord.logs(dir).resolve("flink-jobmanager.log")
                        : "Flink did not come up in time: " + seen + " of " + expected
                                + " TaskManagers registered; see the flink-*.log files in " + ClusterRecord.logs(dir));
    }

    /** TaskManagers the JobManager at {@code restAddress} reports in /overview, -1 when it does not answer within {@code wait}. */
    public static int taskManagersSeen(String restAddress, Duration wait) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(wait).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + restAddress + "/overview"))
                .timeout(wait)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = TASK_MANAGERS.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** HOST:PORT of the JobManager's REST endpoint: what {@code flink run -m} and {@code --flink-master} take. */
    public String restAddress() {
        return "127.0.0.1:" + restPort;
    }

    public NodeProcess jobManager() {
        return jobManager;
    }

    public List<NodeProcess> taskManagers() {
        return taskManagers;
    }

    /** Stops the TaskManagers and the JobManager (SIGTERM, then SIGKILL after the grace period). */
    public void stop() {
        List<NodeProcess> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        NodeProcess.stopAll(all.stream().filter(NodeProcess::isAlive).toList(), 30);
    }
}
