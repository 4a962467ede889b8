package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.schemas.event.RejectReason;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.release.ReleaseStage;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end, in one JVM: a real KRaft broker, ingest of a small export,
 * a Flink MiniCluster replay into a release, and DuckDB over the Parquet files.
 */
class EndToEndTest {

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /**
     * Eleven adult women referred by police operations in 2010, two minors by outreach, one woman
     * who later withdrew her research consent, a line exported twice, and two broken lines.
     */
    static List<String> export() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            lines.add(identified("P-" + i, "1985-01-01", "POLICE_OPERATION", "2010-03-" + (10 + i)));
        }
        lines.add(identified("P-1", "1985-01-01", "POLICE_OPERATION", "2010-03-11"));
        lines.add(identified("M-1", "1995-06-01", "OUTREACH", "2010-04-01"));
        lines.add(identified("M-2", "1996-06-01", "OUTREACH", "2010-04-02"));
        lines.add(identified("W-1", "1985-01-01", "POLICE_OPERATION", "2010-03-01"));
        lines.add("""
                {"source": "e2e-cms", "source_event_id": "W-1-consent", "case_id": "W-1", "type": "CONSENT_WITHDRAWN",
                 "occurred_at": "2010-06-01", "details": {"research_use": false, "story_use": false}}""".replace("\n", ""));
        lines.add("{\"source\": \"e2e-cms\", \"case_id\": \"X\", \"type\": \"CASE_IDENTIFIED\"}");
        lines.add("{this is not json");
        return lines;
    }

    static String identified(String caseId, String dob, String referral, String on) {
        return ("{\"source\": \"e2e-cms\", \"source_event_id\": \"" + caseId + "-id\", \"case_id\": \"" + caseId
                + "\", "
                + "\"type\": \"CASE_IDENTIFIED\", \"occurred_at\": \"" + on + "\", \"centre\": \"TOM_DY\", "
                + "\"person\": {\"given_name\": \"Canary" + caseId + "\", \"date_of_birth\": \"" + dob
                + "\", \"phone\": \"012 999 " + caseId.hashCode() % 1000 + "\"}, "
                + "\"details\": {\"referral_source\": \"" + referral + "\", \"exploitation_type\": \"SEXUAL\"}}");
    }

    @Test
    void exportToDuckDbAnswer() throws Exception {
        Path export = dir.resolve("export.jsonl");
        Files.write(export, export());
        Path keyFile = dir.resolve("test.key");
        PseudonymKey.create(keyFile);

        IngestSummary summary =
                IngestCommand.ingest(broker.bootstrapServers(), keyFile, "case-events", 3, List.of(export));
        assertThat(summary.read()).isEqualTo(18);
        assertThat(summary.accepted()).isEqualTo(16);
        assertThat(summary.rejectedByReason())
                .containsEntry(RejectReason.MISSING_FIELD, 1L)
                .containsEntry(RejectReason.MALFORMED_LINE, 1L);

        Path warehouseDir = dir.resolve("warehouse");
        LogReplay request = LogReplay.defaults(broker.bootstrapServers(), "case-events", warehouseDir, 10)
                .withAsOf(java.time.LocalDate.parse("2010-06-30"));
        ReleaseStage.Outcome first = request.release();
        assertThat(first.published()).as("%s", first.manifest().publication()).isTrue();
        assertThat(first.manifest().source().eventsRead()).isEqualTo(16);
        assertThat(first.manifest().asOf()).hasToString("2010-06-30");
        assertThat(first.manifest().contents().cases())
                .returns(14L, CaseCounts::cases)
                .returns(13L, CaseCounts::included)
                .returns(1L, CaseCounts::withoutResearchConsent);
        assertThat(referralSources(warehouseDir))
                .containsExactly(
                        "2010 ALL ALL MINOR 2 withheld",
                        "2010 ALL SEXUAL MINOR 2 withheld",
                        "2010 OUTREACH ALL ALL 2 withheld",
                        "2010 OUTREACH ALL MINOR 2 withheld",
                        "2010 OUTREACH SEXUAL ALL 2 withheld",
                        "2010 OUTREACH SEXUAL MINOR 2 withheld",
                        "2010 ALL ALL ADULT 11 true",
                        "2010 ALL ALL ALL 13 true",
                        "2010 ALL SEXUAL ADULT 11 true",
                        "2010 ALL SEXUAL ALL 13 true",
                        "2010 POLICE_OPERATION ALL ADULT 11 true",
                        "2010 POLICE_OPERATION ALL ALL 11 true",
                        "2010 POLICE_OPERATION SEXUAL ADULT 11 true",
                        "2010 POLICE_OPERATION SEXUAL ALL 11 true");
        assertThat(Query.rows(
                        first.dir(),
                        "SELECT DISTINCT cases FROM referral_sources WHERE NOT suppressed AND"
                                + " (referral_source = 'POLICE_OPERATION' OR minor = 'ADULT')"))
                .as("the same eleven women, the same published count")
                .hasSize(1);
        assertThat(Query.rows(first.dir(), "SELECT DISTINCT cases FROM cohort_outcomes WHERE age_band = 'ALL'"))
                .as("the year total of cohort_outcomes counts the same 13 women as referral_sources'")
                .isEqualTo(Query.rows(
                        first.dir(),
                        "SELECT cases FROM referral_sources WHERE referral_source = 'ALL'"
                                + " AND exploitation_type = 'ALL' AND minor = 'ALL'"));

        // Re-ingesting the same export doubles the log but not a single count: the replay's journeys
        // are the same women's, so it stays internal and current does not move.
        IngestCommand.ingest(broker.bootstrapServers(), keyFile, "case-events", 3, List.of(export));
        ReleaseStage.Outcome second = request.release();
        assertThat(second.manifest().source().eventsRead()).isEqualTo(32);
        assertThat(second.published()).isFalse();
        assertThat(second.manifest().publication().womenChanged()).isZero();
        assertThat(second.manifest().publication().reasons())
                .singleElement()
                .asString()
                .contains("only 0 women");
        assertThat(new Warehouse(warehouseDir).currentId()).contains(first.releaseId());
        assertThat(new Warehouse(warehouseDir).releaseIds()).containsExactly(first.releaseId(), second.releaseId());
        assertThat(checksums(second.dir()))
                .as("replaying the same log gives the same rows, in every table")
                .isEqualTo(checksums(first.dir()));

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * A case-management system corrects a record in place and exports it again: twelve women's
     * enrolments exported as SEWING, then, in a later export, the same records (same source and
     * source_event_id) corrected to WEAVING and recorded later. The replay counts the latest
     * version in the log, in the exact table the published one is protected from.
     */
    @Test
    void aRecordCorrectedAndExportedAgainCountsAsItsLatestVersion() throws Exception {
        List<String> sewing = new ArrayList<>();
        List<String> weaving = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            sewing.add(identified("T-" + i, "1990-01-01", "OUTREACH", "2010-02-" + (10 + i)));
            sewing.add(enrolled("T-" + i, "SEWING", "2010-03-02T10:00:00+07:00"));
            weaving.add(enrolled("T-" + i, "WEAVING", "2010-05-20T15:30:00+07:00"));
        }
        Path first = dir.resolve("sewing.jsonl");
        Path corrected = dir.resolve("weaving.jsonl");
        Files.write(first, sewing);
        Files.write(corrected, weaving);
        Path keyFile = dir.resolve("versions.key");
        PseudonymKey.create(keyFile);
        LogReplay request = LogReplay.defaults(
                        broker.bootstrapServers(), "versions", dir.resolve("versions-warehouse"), 10)
                .withAsOf(java.time.LocalDate.parse("2010-06-30"));
        String trainings = "SELECT enrolment_year, course, cases FROM unsuppressed_training_outcomes"
                + " WHERE course <> 'ALL' ORDER BY course";

        IngestCommand.ingest(broker.bootstrapServers(), keyFile, "versions", 3, List.of(first));
        ReleaseStage.Outcome before = request.release();
        assertThat(Query.rows(before.dir(), trainings)).containsExactly("2010 SEWING 12");

        assertThat(IngestCommand.ingest(broker.bootstrapServers(), keyFile, "versions", 3, List.of(corrected))
                        .accepted())
                .isEqualTo(12);
        ReleaseStage.Outcome after = request.release();
        assertThat(after.manifest().source().eventsRead()).isEqualTo(36);
        assertThat(Query.rows(after.dir(), trainings)).containsExactly("2010 WEAVING 12");
    }

    static String enrolled(String caseId, String course, String recordedAt) {
        return ("{\"source\": \"e2e-cms\", \"source_event_id\": \"" + caseId + "-enrol\", \"case_id\": \"" + caseId
                + "\", \"type\": \"TRAINING_ENROLLED\", \"occurred_at\": \"2010-03-01\", \"recorded_at\": \""
                + recordedAt + "\", \"details\": {\"course\": \"" + course + "\"}}");
    }

    /**
     * Two copies of one of her sealed events appended under the same Kafka key and headers, one with
     * a byte of its ciphertext flipped, one with its marker byte flipped (no longer a sealed value
     * at all): the replay counts both as tampered and skips them, and every table is the replay's
     * before, byte for byte.
     */
    @Test
    void aTamperedEventIsCountedAsTamperedAndChangesNoTable() throws Exception {
        Path export = dir.resolve("tampered.jsonl");
        Files.write(export, export());
        Path keyFile = dir.resolve("tampered.key");
        PseudonymKey.create(keyFile);
        IngestCommand.ingest(broker.bootstrapServers(), keyFile, "tampered", 3, List.of(export));
        LogReplay request = LogReplay.defaults(
                        broker.bootstrapServers(), "tampered", dir.resolve("tampered-warehouse"), 10)
                .withAsOf(java.time.LocalDate.parse("2010-06-30"));
        ReleaseStage.Outcome before = request.release();

        LogContents.Entry sealed = LogContents.entries(broker.bootstrapServers(), "tampered").stream()
                .filter(e -> e.opened().outcome() == LogRecordOpener.Outcome.OPENED)
                .findFirst()
                .orElseThrow();
        ConsumerRecord<byte[], byte[]> original = recordAt("tampered", sealed.partition(), sealed.offset());
        byte[] ciphertext = original.value().clone();
        ciphertext[ciphertext.length / 2] ^= 0x01;
        appendCopy(original, ciphertext);
        byte[] marker = original.value().clone();
        marker[0] ^= 0x01;
        appendCopy(original, marker);

        ReleaseStage.Outcome after = request.release();

        assertThat(after.manifest().source().eventsRead())
                .isEqualTo(before.manifest().source().eventsRead() + 2);
        assertThat(after.manifest().source().unfolded()).isEqualTo(new UnfoldedRecords(0, 0, 0, 2));
        JsonNode manifest =
                new ObjectMapper().readTree(after.dir().resolve("manifest.json").toFile());
        assertThat(manifest.at("/records_not_folded/tampered").asLong()).isEqualTo(2);
        assertThat(manifest.at("/cases/cases_erased").asLong()).isZero();
        assertThat(after.manifest().contents().cases())
                .isEqualTo(before.manifest().contents().cases());
        List<Path> files = tableFiles(before.dir());
        assertThat(files)
                .contains(
                        Path.of("public/referral_sources/part-0.parquet"),
                        Path.of("restricted/case_journeys/part-0.parquet"))
                .isEqualTo(tableFiles(after.dir()));
        for (Path file : files) {
            assertThat(Arrays.mismatch(
                            Files.readAllBytes(before.dir().resolve(file)),
                            Files.readAllBytes(after.dir().resolve(file))))
                    .as("first byte of %s that differs", file)
                    .isEqualTo(-1);
        }
    }

    /** Every file of a release, relative to it, but the two that say what it read: manifest.json and snapshot.json. */
    private static List<Path> tableFiles(Path release) throws Exception {
        try (var walk = Files.walk(release)) {
            return walk.filter(Files::isRegularFile)
                    .map(release::relativize)
                    .filter(f -> !f.toString().equals("manifest.json")
                            && !f.toString().equals("snapshot.json"))
                    .sorted()
                    .toList();
        }
    }

    /** One record of a topic as the broker holds it: key, value and headers. */
    private static ConsumerRecord<byte[], byte[]> recordAt(String topic, int partition, long offset) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("cannot read " + tp + " offset " + offset + " within 30 s");
    }

    /** Appends {@code value} under the original's Kafka key and headers, in its partition. */
    private static void appendCopy(ConsumerRecord<byte[], byte[]> original, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            original.topic(), original.partition(), original.key(), value, original.headers()))
                    .get();
        }
    }

    @Test
    void aLogMixingTwoKeysIsRefusedAndNothingIsPublished() throws Exception {
        Path export = dir.resolve("mixed.jsonl");
        Files.write(export, export());
        Path keyA = dir.resolve("a.key");
        Path keyB = dir.resolve("b.key");
        PseudonymKey.create(keyA);
        PseudonymKey.create(keyB);
        IngestCommand.ingest(broker.bootstrapServers(), keyA, "mixed", 1, List.of(export));
        IngestCommand.ingest(broker.bootstrapServers(), keyB, "mixed", 1, List.of(export));
        Path warehouseDir = dir.resolve("mixed-warehouse");

        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = Casetrail.run(
                    "replay",
                    "--bootstrap-server",
                    broker.bootstrapServers(),
                    "--topic",
                    "mixed",
                    "--warehouse",
                    warehouseDir.toString());
        } finally {
            System.setErr(original);
        }
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("mixes pseudonymization keys")
                .contains(PseudonymKey.load(keyA).fingerprint())
                .contains(PseudonymKey.load(keyB).fingerprint())
                .doesNotContain("\tat ");
        assertThat(new Warehouse(warehouseDir).currentId()).isEmpty();
        assertThat(new Warehouse(warehouseDir).releaseIds()).isEmpty();
    }

    /** Rows and an order-independent checksum of every table of a release, published and restricted. */
    static List<String> checksums(Path release) throws Exception {
        List<String> sums = new ArrayList<>();
        try (Catalog catalog = Catalog.open(release, true);
                Statement sql = catalog.connection().createStatement()) {
            for (var table : catalog.tables()) {
                try (ResultSet rs =
                        sql.executeQuery("SELECT count(*), sum(hash(r)::HUGEINT) FROM " + table.name() + " r")) {
                    rs.next();
                    sums.add(table.name() + " " + rs.getLong(1) + " " + rs.getObject(2));
                }
            }
        }
        return sums;
    }

    /**
     * Every row of the current referral_sources as "year source exploitation minor TRUE-CASES published?", where
     * published? says whether the published count is what the ptable gives at the row's cell key (null when withheld).
     */
    static List<String> referralSources(Path warehouseDir) throws Exception {
        Path release = new Warehouse(warehouseDir).release(Optional.empty());
        PerturbationTable ptable = PerturbationTable.current();
        List<String> rows = new ArrayList<>();
        try (Catalog catalog = Catalog.open(release, true);
                Statement sql = catalog.connection().createStatement();
                ResultSet rs =
                        sql.executeQuery("SELECT p.*, u.cases AS true_cases, u.cases_cell_key FROM referral_sources p"
                                + " JOIN unsuppressed_referral_sources u USING (identification_year, referral_source, exploitation_type, minor)"
                                + " ORDER BY p.suppressed DESC, p.referral_source, p.exploitation_type, p.minor")) {
            while (rs.next()) {
                Object published = rs.getObject("cases");
                String shown = published == null
                        ? "true"
                        : String.valueOf(((Number) published).longValue()
                                == ptable.perturb(rs.getLong("true_cases"), rs.getInt("cases_cell_key")));
                rows.add(rs.getInt("identification_year") + " " + rs.getString("referral_source") + " "
                        + rs.getString("exploitation_type") + " " + rs.getString("minor") + " "
                        + rs.getLong("true_cases") + " "
                        + (rs.getBoolean("suppressed") ? "withheld" : shown));
            }
        }
        return rows;
    }
}
