package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest killed (SIGKILL) midway and run again loses nothing and counts nothing twice: the
 * tables replayed from that log equal those of a log ingested once, cleanly.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class IngestCrashIT {

    @TempDir
    Path dir;

    @Test
    void killedIngestRerunGivesTheSameTablesAsOneCleanIngest() throws Exception {
        Path export = dir.resolve("export.jsonl");
        Path key = dir.resolve("k.key");
        assertThat(CliProcessesIT.run("generate", "--cases", "6000", "--seed", "21", "--out", export.toString())
                        .status())
                .isZero();
        assertThat(CliProcessesIT.run("keys", "init", "--key-file", key.toString())
                        .status())
                .isZero();

        Path brokerLog = dir.resolve("broker.out");
        Process broker = new ProcessBuilder(CliProcessesIT.java(
                        "broker", "--data-dir", dir.resolve("kafka").toString(), "--port", "0"))
                .redirectErrorStream(true)
                .redirectOutput(brokerLog.toFile())
                .start();
        try {
            String bootstrap = CanaryIT.awaitBroker(brokerLog);

            Process crashing = new ProcessBuilder(CliProcessesIT.java(
                            "ingest",
                            "--bootstrap-server",
                            bootstrap,
                            "--key-file",
                            key.toString(),
                            "--topic",
                            "crashed",
                            export.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("crashing.out").toFile())
                    .start();
            long written = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (written < 2000 && crashing.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                written = endOffsets(bootstrap, "crashed");
            }
            crashing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long atKill = endOffsets(bootstrap, "crashed");

            CliProcessesIT.Result rerun = CliProcessesIT.run(
                    "ingest",
                    "--bootstrap-server",
                    bootstrap,
                    "--key-file",
                    key.toString(),
                    "--topic",
                    "crashed",
                    export.toString());
            CliProcessesIT.Result clean = CliProcessesIT.run(
                    "ingest",
                    "--bootstrap-server",
                    bootstrap,
                    "--key-file",
                    key.toString(),
                    "--topic",
                    "clean",
                    export.toString());
            assertThat(rerun.out()).isEqualTo(clean.out());
            long accepted = Long.parseLong(clean.out().replaceAll("(?s).*accepted (\\d+).*", "$1"));
            assertThat(atKill)
                    .as("the first ingest was killed midway")
                    .isGreaterThan(0)
                    .isLessThan(accepted);
            assertThat(endOffsets(bootstrap, "crashed")).isEqualTo(atKill + accepted);

            Path crashedWarehouse = dir.resolve("w-crashed");
            Path cleanWarehouse = dir.resolve("w-clean");
            assertThat(CliProcessesIT.run(
                                    "replay",
                                    "--bootstrap-server",
                                    bootstrap,
                                    "--topic",
                                    "crashed",
                                    "--warehouse",
                                    crashedWarehouse.toString())
                            .status())
                    .isZero();
            // The same perturbation secret (as a restored back-up would give), so the same noise on the same women.
            Files.createDirectories(cleanWarehouse);
            Files.copy(
                    crashedWarehouse.resolve("perturbation.key"),
                    cleanWarehouse.resolve("perturbation.key"),
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            assertThat(CliProcessesIT.run(
                                    "replay",
                                    "--bootstrap-server",
                                    bootstrap,
                                    "--topic",
                                    "clean",
                                    "--warehouse",
                                    cleanWarehouse.toString())
                            .status())
                    .isZero();
            // Rows and an order-independent checksum of every table, in one query per warehouse.
            String sql = List.of(
                                    "cohort_outcomes",
                                    "training_outcomes",
                                    "followup_status",
                                    "shelter_occupancy",
                                    "referral_sources",
                                    "legal_outcomes",
                                    "testimonies",
                                    "case_journeys")
                            .stream()
                            .map(t -> "SELECT '" + t
                                    + "' AS tbl, count(*) AS n, sum(hash(r)::HUGEINT) AS checksum FROM " + t + " r")
                            .collect(java.util.stream.Collectors.joining(" UNION ALL "))
                    + " ORDER BY tbl";
            CliProcessesIT.Result a = CliProcessesIT.run(
                    "query", "--restricted", "--format", "csv", "--warehouse", crashedWarehouse.toString(), sql);
            CliProcessesIT.Result b = CliProcessesIT.run(
                    "query", "--restricted", "--format", "csv", "--warehouse", cleanWarehouse.toString(), sql);
            assertThat(a.status()).as(a.out()).isZero();
            assertThat(a.out()).isEqualTo(b.out());
            assertThat(a.out().lines().skip(1))
                    .hasSize(8)
                    .allSatisfy(line -> assertThat(line.split(",")[1]).isNotEqualTo("0"));
        } finally {
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(dir.resolve("w-clean").resolve("current"))).isTrue();
    }

    private static long endOffsets(String bootstrap, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            var partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(60, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions();
            var request = new java.util.HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(60, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }
}
