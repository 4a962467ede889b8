package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingLoader;
import org.casetrail.ingest.pseudonym.AgeBands;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.synthetic.HtcdsCase;
import org.casetrail.ingest.synthetic.HtcdsWorkbook;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.warehouse.release.ReleaseStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spreadsheet path end to end: a workbook of 2,000 generated women laid out as the HTCDS v2
 * Excel template (its header rows and labels, birth dates as dates, serials and text, labels with
 * the template's stray spaces, Services and Follow-ups sheets beside it) ingested as a snapshot
 * through mappings/htcds-v2-excel.yaml into a real broker, replayed by Flink, and read back from the
 * restricted case_journeys: every woman the generator wrote is there once, with her identification
 * date, exploitation type and age band; and none of her names, birth date, phones, e-mail or street
 * is anywhere in the bytes of the topics.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HtcdsWorkbookEndToEndTest {

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

    static final String TOPIC = "htcds-events";
    static final String SOURCE = "htcds-v2-excel";

    /** The repository's shipped mapping. */
    static Path shippedMapping() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .getParent()
                .resolve("mappings")
                .resolve("htcds-v2-excel.yaml");
    }

    @Test
    void everyWomanOfTheWorkbookIsOneJourneyAndNoIdentityReachesTheLog() throws Exception {
        Path workbook = dir.resolve("cases.xlsx");
        List<HtcdsCase> women = new ArrayList<>();
        HtcdsWorkbook.Written written =
                HtcdsWorkbook.write(SyntheticExport.Settings.defaults(2000, 2024), workbook, women::add);
        LocalDate snapshot = written.snapshotDate();
        Path keyFile = dir.resolve("htcds.key");
        PseudonymKey key = PseudonymKey.create(keyFile);

        // As ingest --snapshot --snapshot-date reads it: the mapping's snapshot_date is the export's date.
        MappedExport mapped =
                MappedExport.open(MappingLoader.load(shippedMapping()), List.of(workbook), Optional.of(snapshot));
        IngestSummary summary =
                IngestCommand.ingest(broker.bootstrapServers(), keyFile, TOPIC, 3, List.of(workbook), null, mapped);
        long consented = women.stream()
                .filter(w -> !Boolean.FALSE.equals(w.researchConsent()))
                .count();
        assertThat(summary.rejected()).isZero();
        assertThat(summary.read())
                .isEqualTo(written.cases()
                        + written.services()
                        + written.followUps()
                        + women.stream()
                                .filter(w -> w.researchConsent() != null)
                                .count()
                        + women.stream().filter(w -> w.closedOn() != null).count());

        ReleaseStage.Outcome release = LogReplay.defaults(
                        broker.bootstrapServers(), TOPIC, dir.resolve("warehouse"), 10)
                .withAsOf(snapshot)
                .release();
        assertThat(release.auditPassed()).isTrue();
        List<String> journeys = Query.rows(
                release.dir(), "SELECT case_pseudonym, identified_on, exploitation_type, age_band FROM case_journeys");

        Pseudonymizer pseudonyms = new Pseudonymizer(key);
        Map<String, String> expected = new HashMap<>();
        for (HtcdsCase woman : women) {
            if (Boolean.FALSE.equals(woman.researchConsent())) {
                continue; // her Consent cell says No: left out of every table
            }
            String pseudonym = pseudonyms.casePseudonym(SOURCE, caseId(woman));
            String row = String.join(
                    " ",
                    pseudonym,
                    woman.identifiedOn().toString(),
                    woman.exploitation(),
                    AgeBands.at(woman.dateOfBirth(), woman.identifiedOn()).name());
            assertThat(expected.put(pseudonym, row))
                    .as("one woman per identity")
                    .isNull();
        }
        assertThat(expected).hasSize((int) consented);
        assertThat(journeys).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(women)
                .anyMatch(w -> w.dateOfBirth() == null && w.identifiedOn().equals(snapshot));

        List<byte[]> events = topicBytes(TOPIC);
        assertThat(events).hasSize((int) summary.accepted());
        String log = changedNamesRemoved(events, topicBytes(TOPIC + "-rejected"));
        Set<String> checked = new HashSet<>();
        for (HtcdsCase woman : women) {
            for (String identifier : identifiers(woman)) {
                if (checked.add(identifier)) {
                    assertThat(log).as("identity %s", identifier).doesNotContain(identifier);
                }
            }
        }
        assertThat(checked).as("phones, streets, birth dates, names: thousands").hasSizeGreaterThan(2 * women.size());
    }

    /** Her case identity as the mapping makes it: her names and birth date (docs/sources.md, "Case identity"). */
    static String caseId(HtcdsCase woman) {
        return JsonNodeFactory.instance
                .arrayNode()
                .add(woman.givenName().toLowerCase(Locale.ROOT))
                .add(woman.familyName().toLowerCase(Locale.ROOT))
                .add(woman.dateOfBirth() == null ? "" : woman.dateOfBirth().toString())
                .toString();
    }

    /**
     * What of her rows is looked for in the log, lower case: every identifier written on them, her
     * full name, her birth date as ISO; but neither a text of digits only (a serial date, a postal
     * code), which a pseudonym's hexadecimal digits may hold by chance, nor one shorter than five
     * characters, which the log's codes may. Her full name and other forms still stand for them.
     */
    static List<String> identifiers(HtcdsCase woman) {
        List<String> all = new ArrayList<>(woman.identifiers());
        all.add(woman.givenName() + " " + woman.familyName());
        List<String> kept = new ArrayList<>();
        for (String identifier : all) {
            String lower = identifier.toLowerCase(Locale.ROOT);
            if (lower.length() >= 5 && !lower.chars().allMatch(Character::isDigit)) {
                kept.add(lower);
            }
        }
        return kept;
    }

    /**
     * The log's bytes as lower-case text, with the changed names its events carry taken out: a
     * changed name ("Sreyleak*") is casetrail's own, drawn from a list, and may be another woman's
     * real given name.
     */
    static String changedNamesRemoved(List<byte[]> events, List<byte[]> rejects) throws Exception {
        CaseEventCodec codec = new CaseEventCodec();
        Set<String> changedNames = new HashSet<>();
        StringBuilder text = new StringBuilder();
        for (byte[] bytes : events) {
            CaseEvent event = codec.decodeEvent(bytes);
            if (event.getSubject() != null && event.getSubject().getChangedName() != null) {
                changedNames.add(event.getSubject().getChangedName().toLowerCase(Locale.ROOT));
            }
            text.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
        }
        for (byte[] bytes : rejects) {
            text.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
        }
        String log = text.toString().toLowerCase(Locale.ROOT);
        for (String changedName : changedNames) {
            log = log.replace(changedName, "");
        }
        return log;
    }

    /** Every record's value of a topic, as the broker holds it; none when the topic was never made. */
    static List<byte[]> topicBytes(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (!consumer.listTopics().containsKey(topic)) {
                return values;
            }
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
