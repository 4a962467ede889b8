package org.casetrail.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the loopback cluster is configured with, checked without starting it. */
class LoopbackClusterSettingsTest {

    @TempDir
    Path dir;

    @Test
    void kafkaNodesListenOnLoopbackOnlyAndKeepThreeReplicasWithTwoInSync() {
        Properties props = KafkaCluster.serverProperties(
                new KafkaCluster.Node(2, 9101, 9201),
                "1@127.0.0.1:9200,2@127.0.0.1:9201,3@127.0.0.1:9202",
                dir.resolve("log"));

        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9101,CONTROLLER://127.0.0.1:9201");
        assertThat(props.getProperty("advertised.listeners")).doesNotContain("0.0.0.0", "localhost");
        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("node.id")).isEqualTo("2");
        assertThat(props)
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void everyFlinkAddressAndBindHostIsLoopback() {
        Map<String, String> settings = FlinkCluster.settings(dir, 8081, 6123);

        assertThat(settings)
                .containsEntry("jobmanager.rpc.address", "127.0.0.1")
                .containsEntry("jobmanager.bind-host", "127.0.0.1")
                .containsEntry("rest.address", "127.0.0.1")
                .containsEntry("rest.bind-address", "127.0.0.1")
                .containsEntry("taskmanager.host", "127.0.0.1")
                .containsEntry("taskmanager.bind-host", "127.0.0.1")
                .containsEntry("rest.port", "8081")
                .containsEntry("jobmanager.rpc.port", "6123")
                .containsEntry("taskmanager.numberOfTaskSlots", "2");
        assertThat(settings.entrySet())
                .filteredOn(e -> e.getKey().endsWith("address") || e.getKey().endsWith("host"))
                .allSatisfy(e -> assertThat(e.getValue()).isEqualTo("127.0.0.1"));
    }

    @Test
    void flinkNodesGetTheRuntimeButNeitherCasetrailNorTheJobsConnectors() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String jar : List.of(
                "flink-runtime-2.2.0.jar",
                "flink-runtime-web-2.2.0.jar",
                "log4j-core-2.24.3.jar",
                "kryo-5.6.2.jar",
                "casetrail-stream-jobs-0.1.0.jar",
                "flink-connector-kafka-5.0.0-2.2.jar",
                "kafka-clients-4.1.1.jar",
                "avro-1.12.0.jar",
                "parquet-avro-1.15.2.jar",
                "hadoop-client-api-3.4.1.jar",
                "duckdb_jdbc-1.5.6.0.jar",
                "notes.txt")) {
            Files.createFile(lib.resolve(jar));
        }

        List<String> kept = List.of(FlinkCluster.runtimeClasspath(lib).split(java.io.File.pathSeparator)).stream()
                .map(p -> Path.of(p).getFileName().toString())
                .toList();

        assertThat(kept)
                .containsExactly(
                        "flink-runtime-2.2.0.jar",
                        "flink-runtime-web-2.2.0.jar",
                        "kryo-5.6.2.jar",
                        "log4j-core-2.24.3.jar");
    }

    @Test
    void aRecordedPortIsReusedWhileFreeAndReplacedWhenTaken() throws Exception {
        Properties ports = new Properties();
        int first = ClusterRecord.port(ports, "kafka.1.port");
        assertThat(ClusterRecord.port(ports, "kafka.1.port")).isEqualTo(first);

        try (ServerSocket taken = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
            int second = ClusterRecord.port(ports, "kafka.1.port");
            assertThat(second).isNotEqualTo(first);
            assertThat(ports.getProperty("kafka.1.port")).isEqualTo(Integer.toString(second));
        }
    }

    @Test
    void aNewPortIsNoneOfThePortsGivenToOtherNodesAndNotOneTheKernelHandsOutAtRandom() {
        // The cluster's nodes bind their ports seconds after they are picked: a port given to one
        // node must not go to another in between, nor be one the kernel gives out for port 0.
        int ephemeralStart = FreePort.ephemeralStart();
        Properties ports = new Properties();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            int port = ClusterRecord.port(ports, "node." + i + ".port");
            assertThat(seen.add(port)).as("port %d given twice", port).isTrue();
            if (ephemeralStart - FreePort.LOWEST >= 1_000) {
                assertThat(port).isBetween(FreePort.LOWEST, ephemeralStart - 1);
            }
        }
        assertThat(ports).hasSize(400);
    }

    @Test
    void aMissingOrUnknownArgumentIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(LoopbackCluster.run(new String[] {}, out, errors)).isEqualTo(2);
        assertThat(LoopbackCluster.run(new String[] {"up", "--dir"}, out, errors))
                .isEqualTo(2);
        assertThat(LoopbackCluster.run(new String[] {"down", "--force"}, out, errors))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("usage: cluster/up", "unknown or incomplete option --force");
    }

    @Test
    void downOnAFolderWithNothingRunningSaysSoAndSucceeds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        int status = LoopbackCluster.run(
                new String[] {"down", "--dir", dir.resolve("never-up").toString()},
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no cluster is running");
    }
}
