package org.casetrail.cli.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.casetrail.cli.CliException;

/**
 * The entry point of cluster/up and cluster/down: a 3-node Kafka cluster (KRaft) and a Flink
 * session cluster (one JobManager, two TaskManagers) as separate processes on 127.0.0.1, with
 * their data, logs, ports and pids in one folder.
 *
 * <p>{@code up} prints what the command-line flags take, one per line on stdout
 * ({@code bootstrap-server=...}, {@code flink-master=...}); everything else goes to stderr.
 */
public final class LoopbackCluster {

    static final int KAFKA_NODES = 3;
    static final int TASK_MANAGERS = 2;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;
    private final Path cliJar;
    private final PrintStream progress;

    LoopbackCluster(Path dir, Path cliJar, PrintStream progress) {
        this.dir = dir.toAbsolutePath().normalize();
        this.cliJar = cliJar;
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: cluster/up [--dir DIR] [--timeout SECONDS] | cluster/down [--dir DIR]";
        if (args.length == 0 || !(args[0].equals("up") || args[0].equals("down"))) {
            err.println(usage);
            return 2;
        }
        Path dir = Path.of("casetrail-cluster");
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dir") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].equals("--timeout") && i + 1 < args.length && args[i + 1].matches("\\d{1,5}")) {
                timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(usage);
                return 0;
            } else {
                err.println("cluster/" + args[0] + ": unknown or incomplete option " + args[i]);
                err.println(usage);
                return 2;
            }
        }
        LoopbackCluster cluster = new LoopbackCluster(dir, cliJar(), err);
        String prefix = "cluster/" + args[0] + ": ";
        try {
            Files.createDirectories(cluster.dir);
            try (FileChannel channel = FileChannel.open(
                            cluster.dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    err.println(prefix + "another cluster/up or cluster/down is working on " + cluster.dir);
                    return 1;
                }
                if (args[0].equals("up")) {
                    cluster.up(timeout).forEach((k, v) -> out.println(k + "=" + v));
                } else {
                    cluster.down();
                }
                out.flush();
                return 0;
            }
        } catch (CliException e) {
            err.println(prefix + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println(prefix + "failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            return 1;
        }
    }

    /** The jar this class was loaded from; its lib/ folder beside it holds every other jar. */
    static Path cliJar() {
        try {
            return Path.of(LoopbackCluster.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (Exception e) {
            throw new CliException("cannot tell where the casetrail-cli jar is: " + e.getMessage());
        }
    }

    /** {@code JAR:DIR/lib/*} for the CLI jar (the java launcher expands the wildcard). */
    public static String classpathOf(Path cliJar) {
        Path absolute = cliJar.toAbsolutePath();
        return absolute
                + java.io.File.pathSeparator
                + absolute.resolveSibling("lib").resolve("*");
    }

    /** Starts the cluster, or finds it running; returns the addresses to print. */
    Map<String, String> up(Duration timeout) {
        Map<String, Long> recorded = ClusterRecord.pids(dir);
        List<NodeProcess> running = running(recorded);
        if (!running.isEmpty()) {
            if (running.size() == recorded.size()
                    && !ClusterRecord.addresses(dir).isEmpty()) {
                progress.println("cluster/up: already running in " + dir + " (" + running.size()
                        + " processes); cluster/down --dir " + dir + " stops it");
                return ClusterRecord.addresses(dir);
            }
            throw new CliException("only " + running.size() + " of " + recorded.size() + " processes recorded in " + dir
                    + " are running; stop them with cluster/down --dir " + dir + ", then run cluster/up again");
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<NodeProcess> nodes = new ArrayList<>();
        AtomicBoolean up = new AtomicBoolean();
        // Ctrl-C or a failure while starting must not leave half a cluster behind.
        Thread cleanup = new Thread(
                () -> {
                    if (!up.get()) {
                        progress.println("cluster/up: interrupted; stopping what was started");
                        stop(nodes);
                    }
                },
                "cluster-up-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            progress.println("cluster/up: starting " + KAFKA_NODES + " Kafka nodes and a Flink cluster (1 JobManager, "
                    + TASK_MANAGERS + " TaskManagers) in " + dir + "; logs in " + ClusterRecord.logs(dir));
            KafkaCluster kafka = KafkaCluster.start(dir, KAFKA_NODES, classpathOf(cliJar), node -> record(nodes, node));
            FlinkCluster flink = FlinkCluster.start(dir, TASK_MANAGERS, cliJar, node -> record(nodes, node));
            kafka.awaitBrokers(KAFKA_NODES, deadline, dir);
            progress.println("cluster/up: Kafka answers with " + KAFKA_NODES + " brokers (" + seconds(started) + " s)");
            flink.awaitTaskManagers(TASK_MANAGERS, deadline, dir);
            progress.println(
                    "cluster/up: Flink answers with " + TASK_MANAGERS + " TaskManagers (" + seconds(started) + " s)");
            Map<String, String> addresses = new LinkedHashMap<>();
            addresses.put("bootstrap-server", kafka.bootstrapServers());
            addresses.put("flink-master", flink.restAddress());
            ClusterRecord.storeAddresses(dir, addresses);
            up.set(true);
            return addresses;
        } catch (RuntimeException e) {
            progress.println("cluster/up: stopping what was started");
            stop(nodes);
            up.set(true);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs.
            }
        }
    }

    private void record(List<NodeProcess> nodes, NodeProcess node) {
        synchronized (nodes) {
            nodes.add(node);
            ClusterRecord.storePids(dir, nodes);
        }
    }

    /** Stops the recorded processes that are still running: Flink first, then Kafka. */
    void down() {
        Map<String, Long> recorded = ClusterRecord.pids(dir);
        List<NodeProcess> running = running(recorded);
        if (running.isEmpty()) {
            progress.println("cluster/down: no cluster is running in " + dir);
            ClusterRecord.forgetPids(dir);
            return;
        }
        long started = System.nanoTime();
        stop(running);
        progress.println("cluster/down: stopped " + running.size() + " processes in " + seconds(started) + " s");
    }

    private void stop(List<NodeProcess> nodes) {
        List<NodeProcess> snapshot;
        synchronized (nodes) {
            snapshot = List.copyOf(nodes);
        }
        // Flink before Kafka: a running job then fails on its TaskManagers, not on a vanished log.
        List<NodeProcess> flink = snapshot.stream()
                .filter(n -> n.name().startsWith("flink-") && n.isAlive())
                .toList();
        List<NodeProcess> kafka = snapshot.stream()
                .filter(n -> !n.name().startsWith("flink-") && n.isAlive())
                .toList();
        List<String> killed = new ArrayList<>(NodeProcess.stopAll(flink, 30));
        killed.addAll(NodeProcess.stopAll(kafka, 60));
        if (!killed.isEmpty()) {
            progress.println("cluster: killed " + String.join(", ", killed) + " after it ignored SIGTERM");
        }
        ClusterRecord.forgetPids(dir);
    }

    private List<NodeProcess> running(Map<String, Long> recorded) {
        List<NodeProcess> running = new ArrayList<>();
        recorded.forEach((name, pid) -> NodeProcess.find(name, pid, dir).ifPresent(running::add));
        return running;
    }

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
