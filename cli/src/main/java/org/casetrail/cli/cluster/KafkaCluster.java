package org.casetrail.cli.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.casetrail.cli.CliException;

/**
 * A Kafka cluster of N nodes in KRaft combined mode (each node broker and controller, all of them
 * voters), every node a process of its own on 127.0.0.1, with its log under the cluster folder.
 *
 * <p>Settings are those of a small production cluster rather than of a test broker: topics get
 * three replicas and a write needs two in sync ({@code acks=all} then survives one node lost).
 */
public final class KafkaCluster {

    /** One node: its id, the port clients use and the port of the controller quorum. */
    public record Node(int id, int port, int controllerPort) {
        public String address() {
            return "127.0.0.1:" + port;
        }
    }

    private final List<Node> nodes;
    private final List<NodeProcess> processes;

    private KafkaCluster(List<Node> nodes, List<NodeProcess> processes) {
        this.nodes = nodes;
        this.processes = processes;
    }

    /**
     * Formats (on first use) and starts {@code size} nodes under {@code dir}/kafka; returns at once,
     * without waiting for them to answer (see {@link #awaitBrokers}). {@code started} hears of each
     * process as soon as it runs, so a caller can record it before anything else can fail.
     */
    public static KafkaCluster start(Path dir, int size, String classpath, Consumer<NodeProcess> started) {
        Path kafkaDir = dir.resolve("kafka");
        try {
            Files.createDirectories(kafkaDir);
            Path logConfig = NodeLogging.writeConfig(dir);
            Properties ports = ClusterRecord.ports(dir);
            List<Node> nodes = new ArrayList<>();
            for (int id = 1; id <= size; id++) {
                nodes.add(new Node(
                        id,
                        ClusterRecord.port(ports, "kafka." + id + ".port"),
                        ClusterRecord.port(ports, "kafka." + id + ".controller-port")));
            }
            ClusterRecord.storePorts(dir, ports);
            String voters = nodes.stream()
                    .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                    .collect(Collectors.joining(","));
            String clusterId = clusterId(kafkaDir);

            List<NodeProcess> processes = new ArrayList<>();
            for (Node node : nodes) {
                Path nodeDir = kafkaDir.resolve("node-" + node.id());
                Files.createDirectories(nodeDir);
                Path config = nodeDir.resolve("server.properties");
                Properties props = serverProperties(node, voters, nodeDir.resolve("log"));
                try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                    props.store(out, "Kafka node " + node.id() + " of the loopback cluster (written by cluster/up)");
                }
                if (!Files.exists(nodeDir.resolve("log").resolve("meta.properties"))) {
                    format(clusterId, config);
                }
                String name = "kafka-" + node.id();
                NodeProcess process = NodeProcess.start(
                        name,
                        dir,
                        classpath,
                        List.of(
                                "-Xms128m",
                                "-Xmx512m",
                                "-XX:+UseG1GC",
                                "-Djava.awt.headless=true",
                                "-Dlog4j2.configurationFile=" + logConfig,
                                "-Dlog.file=" + ClusterRecord.logs(dir).resolve(name + ".log")),
                        "kafka.Kafka",
                        List.of(config.toString()));
                processes.add(process);
                started.accept(process);
            }
            return new KafkaCluster(List.copyOf(nodes), processes);
        } catch (IOException e) {
            throw new CliException("cannot set up Kafka in " + kafkaDir + ": " + e.getMessage());
        }
    }

    static Properties serverProperties(Node node, String voters, Path logDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.id()));
        props.put("controller.quorum.voters", voters);
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        props.put(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        // Topics created without an explicit replication factor (ingest's) get three replicas, and
        // an acks=all write needs two of them: one node can be lost without losing a write.
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("offsets.topic.replication.factor", "3");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("share.coordinator.state.topic.replication.factor", "3");
        props.put("share.coordinator.state.topic.min.isr", "2");
        // Never elect a replica that is out of sync: that would lose acknowledged writes.
        props.put("unclean.leader.election.enable", "false");
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.retention.hours", "-1");
        return props;
    }

    private static String clusterId(Path kafkaDir) throws IOException {
        Path file = kafkaDir.resolve("cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private static void format(String clusterId, Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new CliException("cannot format the Kafka log of " + config.getParent() + ": "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Waits until {@code expected} brokers are registered and unfenced, as a client sees them.
     *
     * @throws CliException when a node exits or the deadline (System.nanoTime) passes first
     */
    public void awaitBrokers(int expected, long deadlineNanos, Path dir) {
        int seen = 0;
        while (System.nanoTime() < deadlineNanos) {
            for (NodeProcess process : processes) {
                if (!process.isAlive()) {
                    throw new CliException("Kafka node " + process.name() + " exited while starting; see "
                            + ClusterRecord.logs(dir).resolve(process.name() + ".log") + " and " + process.name()
                            + ".out");
                }
            }
            seen = brokersSeen(bootstrapServers(), Duration.ofSeconds(4));
            if (seen >= expected) {
                return;
            }
            sleep(500);
        }
        throw new CliException("Kafka did not come up in time: " + seen + " of " + expected
                + " brokers answered; see the kafka-*.log files in " + ClusterRecord.logs(dir));
    }

    /** Brokers the cluster reports to a client within {@code wait}, 0 when nobody answers. */
    public static int brokersSeen(String bootstrapServers, Duration wait) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) wait.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) wait.toMillis());
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster()
                    .nodes()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** HOST:PORT of every node, comma-separated: what {@code --bootstrap-server} takes. */
    public String bootstrapServers() {
        return nodes.stream().map(Node::address).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<NodeProcess> processes() {
        return processes;
    }

    /** The process of node {@code id}. */
    public NodeProcess process(int id) {
        return processes.get(id - 1);
    }

    /** Stops every node still running (SIGTERM, then SIGKILL after the grace period). */
    public void stop() {
        NodeProcess.stopAll(processes.stream().filter(NodeProcess::isAlive).toList(), 30);
    }
}
