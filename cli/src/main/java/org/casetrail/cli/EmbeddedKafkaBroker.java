package org.casetrail.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.casetrail.cli.cluster.FreePort;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one) inside this JVM, listening on
 * 127.0.0.1 only, with its log under a data folder of ours. The default set-up's event log.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on {@code port} (0 for any free port), formatting the data folder on first use. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("log").toAbsolutePath();
            int brokerPort = port == 0 ? FreePort.pick(Set.of()) : port;
            int controllerPort = FreePort.pick(Set.of(brokerPort));
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "3");
            props.put("auto.create.topics.enable", "false");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "3");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.retention.hours", "-1");
            // The cleaner looks for logs to compact every second: a destroyed case key leaves the disk soon after its
            // segment rolls (docs/erasure.md, "How long it takes").
            props.put("log.cleaner.backoff.ms", "1000");

            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dataDir, props);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(server, brokerPort);
        } catch (IOException e) {
            throw new CliException("cannot start the embedded Kafka broker in " + dataDir + ": " + e.getMessage());
        }
    }

    private static void format(Path dataDir, Properties props) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "written by casetrail for formatting the embedded broker's log");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new CliException("cannot format the embedded broker's log in " + dataDir + ": "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
