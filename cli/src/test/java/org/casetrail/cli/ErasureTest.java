package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.casetrail.ingest.ExportIngest;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.publish.CaseKeyRing;
import org.casetrail.ingest.publish.CaseKeyTopic;
import org.casetrail.ingest.publish.KafkaEventLogWriter;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.schemas.sealing.SealedRecord;
import org.casetrail.warehouse.release.ReleaseStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One woman of a generated log erased (docs/erasure.md): the log is then, for every reader with
 * every key the organisation still has, the log of the export without her; and the brokers' disks
 * lose her data key once the keys topic is compacted.
 */
class ErasureTest {

    private static final LocalDate AS_OF = LocalDate.parse("2009-12-31");

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

    @Test
    void anErasedWomanIsGoneFromTheLogItsKeysItsDisksAndEveryTableAsIfNeverIngested() throws Exception {
        Path export = dir.resolve("export.jsonl");
        SyntheticExport.write(SyntheticExport.Settings.defaults(120, 24), export, SyntheticExport.Format.JSONL);
        Path keyFile = dir.resolve("test.key");
        PseudonymKey.create(keyFile);
        Pseudonymizer pseudonymizer = new Pseudonymizer(PseudonymKey.load(keyFile));
        String b = broker.bootstrapServers();
        IngestCommand.ingest(b, keyFile, "full", 3, List.of(export));
        CaseKeysInSeconds.apply(b, "full");

        Path warehouseA = dir.resolve("warehouse-a");
        ReleaseStage.Outcome before =
                LogReplay.defaults(b, "full", warehouseA, 5).withAsOf(AS_OF).release();
        assertThat(before.published()).as("%s", before.manifest().publication()).isTrue();

        // Her: the first woman of the export who is counted, and who has a reject of her own in the log.
        List<String> lines = Files.readAllLines(export);
        String caseId = null;
        String pseudonym = null;
        for (String id : caseIdsOf(lines)) {
            String p = pseudonymizer.casePseudonym(SyntheticExport.SOURCE, id);
            if (!Query.rows(before.dir(), "SELECT 1 FROM case_journeys WHERE case_pseudonym = '" + p + "'")
                    .isEmpty()) {
                caseId = id;
                pseudonym = p;
                break;
            }
        }
        assertThat(caseId).as("a counted woman in the export").isNotNull();
        String herId = caseId;
        List<String> hers =
                lines.stream().filter(l -> l.contains("\"" + herId + "\"")).toList();
        CaseKeyRing keysBefore = CaseKeyTopic.read(b, EventLogTopics.caseKeysFor("full"));
        CaseDataKey herKey = keysBefore.keyOf(pseudonym).orElseThrow();
        Path kafkaFiles = dir.resolve("kafka");
        assertThat(filesHolding(kafkaFiles, herKey.bytes()))
                .as("her data key is on the broker's disk before the erasure (so the check below can fail)")
                .isNotEmpty();

        CliRun erased = CliRun.of(
                "erase",
                "--bootstrap-server",
                b,
                "--key-file",
                keyFile.toString(),
                "--source",
                SyntheticExport.SOURCE,
                "--case-id",
                caseId,
                "--topic",
                "full",
                "--warehouse",
                warehouseA.toString());
        assertThat(erased.status()).as(erased.err()).isZero();
        assertThat(erased.out())
                .contains("erased 1 case from full")
                .contains("release " + before.releaseId() + ": restricted tables rebuilt without them")
                .doesNotContain(caseId)
                .doesNotContain(pseudonym);
        assertThat(Query.rows(before.dir(), "SELECT 1 FROM case_journeys WHERE case_pseudonym = '" + pseudonym + "'"))
                .as("the current release's restricted journeys, rebuilt")
                .isEmpty();

        Path list = dir.resolve("to-erase.txt");
        Files.write(list, List.of(caseId, "", "NO-SUCH-CASE"));
        CliRun again = CliRun.of(
                "erase",
                "--bootstrap-server",
                b,
                "--key-file",
                keyFile.toString(),
                "--source",
                SyntheticExport.SOURCE,
                "--from",
                list.toString(),
                "--topic",
                "full");
        assertThat(again.status()).isZero();
        assertThat(again.out().strip())
                .isEqualTo("no data key for 2 cases (lines 1, 3 of " + list + ") in full: never ingested under"
                        + " source " + SyntheticExport.SOURCE + ", or already erased");
        assertThat(again.err()).isEmpty();

        // Her key's bytes leave the disk once the keys topic is compacted (here in seconds: see above).
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!filesHolding(kafkaFiles, herKey.bytes()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(filesHolding(kafkaFiles, herKey.bytes()))
                .as("broker files holding her data key after compaction")
                .isEmpty();

        // No record names her or opens with any key left.
        CaseKeyRing keysLeft = CaseKeyTopic.read(b, EventLogTopics.caseKeysFor("full"));
        assertThat(keysLeft.keysOf(pseudonym)).isEmpty();
        assertThat(keysLeft.cases()).isEqualTo(keysBefore.cases() - 1);
        byte[] herPseudonym = pseudonym.getBytes(StandardCharsets.US_ASCII);
        List<CaseDataKey> allLeft = new ArrayList<>();
        for (String p : pseudonymsOf(lines, pseudonymizer)) {
            allLeft.addAll(keysLeft.keysOf(p));
        }
        SealedRecord sealing = new SealedRecord();
        int unreadable = 0;
        for (List<LogContents.Entry> topic :
                List.of(LogContents.entries(b, "full"), LogContents.rejectEntries(b, "full"))) {
            for (LogContents.Entry entry : topic) {
                assertThat(indexOf(entry.value(), herPseudonym)).isNegative();
                if (entry.key() != null) {
                    assertThat(indexOf(entry.key(), herPseudonym)).isNegative();
                }
                LogRecordOpener.Opened opened = entry.opened();
                if (opened.readable()) {
                    assertThat(new String(opened.content(), StandardCharsets.ISO_8859_1))
                            .doesNotContain(pseudonym);
                } else if (opened.outcome() == LogRecordOpener.Outcome.NO_DATA_KEY) {
                    unreadable++;
                    SealedRecord.Kind kind = SealedRecord.kindOf(entry.value());
                    for (CaseDataKey key : allLeft) {
                        try {
                            sealing.open(key, kind, entry.key(), entry.value());
                            throw new AssertionError("one of her records opens with another woman's key");
                        } catch (SealedRecord.TamperedRecordException expected) {
                            // As it should.
                        }
                    }
                } else {
                    assertThat(opened.outcome()).isEqualTo(LogRecordOpener.Outcome.ERASURE);
                }
            }
        }
        assertThat(unreadable).as("her events and rejects, now unreadable").isGreaterThanOrEqualTo(hers.size() - 1);

        // The log as if she had never been ingested, replayed with the same secret at the same as_of.
        Path without = dir.resolve("without.jsonl");
        Files.write(without, lines.stream().filter(l -> !hers.contains(l)).toList());
        IngestCommand.ingest(b, keyFile, "without", 3, List.of(without));
        Path warehouseB = dir.resolve("warehouse-b");
        Files.createDirectories(warehouseB);
        Files.copy(warehouseA.resolve(PerturbationSecret.FILE_NAME), warehouseB.resolve(PerturbationSecret.FILE_NAME));
        ReleaseStage.Outcome after =
                LogReplay.defaults(b, "full", warehouseA, 5).withAsOf(AS_OF).release();
        ReleaseStage.Outcome never =
                LogReplay.defaults(b, "without", warehouseB, 5).withAsOf(AS_OF).release();

        Map<String, byte[]> erasedTables = parquetFiles(after.dir());
        Map<String, byte[]> neverTables = parquetFiles(never.dir());
        assertThat(erasedTables.keySet())
                .isEqualTo(neverTables.keySet())
                .contains("restricted/case_journeys/part-0.parquet");
        erasedTables.forEach(
                (file, bytes) -> assertThat(bytes).as("%s byte for byte", file).isEqualTo(neverTables.get(file)));
        assertThat(after.manifest().contents().cases().erased()).isEqualTo(1);
        assertThat(never.manifest().contents().cases().erased()).isZero();
        assertThat(after.manifest().source().unfolded().erasures()).isEqualTo(1);
        assertThat(after.manifest().source().unfolded().withoutDataKey())
                .isEqualTo(after.manifest().source().eventsRead()
                        - never.manifest().source().eventsRead()
                        - 1);
    }

    @Test
    void aPlainLogSealedIntoANewTopicReplaysToTheSameTables() throws Exception {
        Path export = dir.resolve("plain.jsonl");
        SyntheticExport.write(SyntheticExport.Settings.defaults(60, 7), export, SyntheticExport.Format.JSONL);
        Path keyFile = dir.resolve("plain.key");
        PseudonymKey.create(keyFile);
        String b = broker.bootstrapServers();
        // The log as ingest wrote it before sealing: Avro under the case pseudonym.
        KafkaEventLogWriter.ensureTopics(b, "plain", 3);
        try (PlainLog plain = new PlainLog(b, "plain")) {
            new ExportIngest(new RecordTranslator(new Pseudonymizer(PseudonymKey.load(keyFile))), plain, n -> {})
                    .ingest(List.of(export));
        }
        assertThat(LogContents.entries(b, "plain"))
                .allMatch(e -> e.opened().outcome() == LogRecordOpener.Outcome.PLAIN);

        CliRun sealed = CliRun.of("log", "seal", "--bootstrap-server", b, "--from-topic", "plain", "--topic", "sealed");
        assertThat(sealed.status()).as(sealed.err()).isZero();
        assertThat(sealed.out()).contains("into sealed (3 partitions); 0 records left behind");
        List<LogContents.Entry> converted = LogContents.entries(b, "sealed");
        assertThat(converted).hasSize(LogContents.entries(b, "plain").size());
        assertThat(converted).allMatch(e -> e.opened().outcome() == LogRecordOpener.Outcome.OPENED);
        assertThat(LogContents.rejects(b, "sealed")).hasSameSizeAs(LogContents.rejects(b, "plain"));
        CliRun again = CliRun.of("log", "seal", "--bootstrap-server", b, "--from-topic", "plain", "--topic", "sealed");
        assertThat(again.status()).isEqualTo(Casetrail.USAGE);
        assertThat(again.err()).contains("topic sealed already holds");

        Path warehousePlain = dir.resolve("warehouse-plain");
        Path warehouseSealed = dir.resolve("warehouse-sealed");
        ReleaseStage.Outcome fromPlain = LogReplay.defaults(b, "plain", warehousePlain, 5)
                .withAsOf(AS_OF)
                .release();
        Files.createDirectories(warehouseSealed);
        Files.copy(
                warehousePlain.resolve(PerturbationSecret.FILE_NAME),
                warehouseSealed.resolve(PerturbationSecret.FILE_NAME));
        ReleaseStage.Outcome fromSealed = LogReplay.defaults(b, "sealed", warehouseSealed, 5)
                .withAsOf(AS_OF)
                .release();
        Map<String, byte[]> plainTables = parquetFiles(fromPlain.dir());
        Map<String, byte[]> sealedTables = parquetFiles(fromSealed.dir());
        assertThat(sealedTables.keySet()).isEqualTo(plainTables.keySet()).hasSizeGreaterThan(10);
        sealedTables.forEach(
                (file, bytes) -> assertThat(bytes).as("%s byte for byte", file).isEqualTo(plainTables.get(file)));
        assertThat(fromSealed.manifest().source().eventsRead())
                .isEqualTo(fromPlain.manifest().source().eventsRead());
    }

    /** What ingest wrote before sealing: each event as Avro, keyed by its case pseudonym. */
    private static final class PlainLog implements org.casetrail.ingest.publish.EventLogWriter {
        private final org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer;
        private final String topic;

        PlainLog(String bootstrapServers, String topic) {
            this.producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                    KafkaEventLogWriter.producerSettings(bootstrapServers),
                    new org.apache.kafka.common.serialization.ByteArraySerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            this.topic = topic;
        }

        @Override
        public void append(org.casetrail.schemas.event.CaseEvent event) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    topic,
                    event.getCasePseudonym().getBytes(StandardCharsets.US_ASCII),
                    org.casetrail.schemas.CaseEventCodec.encode(event)));
        }

        @Override
        public void reject(org.casetrail.schemas.event.RejectedRecord reject) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    EventLogTopics.rejectedFor(topic),
                    reject.getCasePseudonym() == null
                            ? null
                            : reject.getCasePseudonym().getBytes(StandardCharsets.US_ASCII),
                    org.casetrail.schemas.CaseEventCodec.encode(reject)));
        }

        @Override
        public void flush() {
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** The case ids of the export's readable lines, in order of first appearance. */
    private static List<String> caseIdsOf(List<String> lines) {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            try {
                JsonNode node = json.readTree(line);
                if (node != null
                        && node.path("type").asText().equals("CASE_IDENTIFIED")
                        && node.hasNonNull("case_id")) {
                    String id = node.get("case_id").asText();
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
            } catch (IOException malformed) {
                // The export's deliberately broken lines.
            }
        }
        return ids;
    }

    private static List<String> pseudonymsOf(List<String> lines, Pseudonymizer pseudonymizer) {
        return caseIdsOf(lines).stream()
                .map(id -> pseudonymizer.casePseudonym(SyntheticExport.SOURCE, id))
                .toList();
    }

    /** Every .parquet file of a release, by its path inside the release. */
    private static Map<String, byte[]> parquetFiles(Path release) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(release)) {
            for (Path file : all.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                files.put(release.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static List<Path> filesHolding(Path root, byte[] needle) throws IOException {
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                try {
                    if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                        holding.add(file);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // Deleted by the cleaner while we walked.
                }
            }
        }
        return holding;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
