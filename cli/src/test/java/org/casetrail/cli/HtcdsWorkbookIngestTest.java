package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.synthetic.HtcdsCase;
import org.casetrail.ingest.synthetic.HtcdsWorkbook;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.warehouse.release.ReleaseStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spreadsheet path end to end: a workbook of 2,000 generated women in the HTCDS v2 template's
 * own layout (its two header rows and labels, dates as Excel serials, labels with stray spaces),
 * ingested as a snapshot through the shipped mapping, replayed, and read back from the restricted
 * journeys; and the topic's bytes searched for every identity the workbook holds.
 */
class HtcdsWorkbookIngestTest {

    static final Path MAPPING = Path.of("..", "mappings", "htcds-v2-excel.yaml");
    static final int WOMEN = 2_000;

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    static Path key;
    static Path workbook;
    static HtcdsWorkbook.Written written;
    static final List<HtcdsCase> women = new ArrayList<>();
    static CliRun first;
    static CliRun again;

    @BeforeAll
    static void ingestTheWorkbookTwice() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        key = dir.resolve("htcds.key");
        PseudonymKey.create(key);
        workbook = dir.resolve("cases.xlsx");
        written = HtcdsWorkbook.write(SyntheticExport.Settings.defaults(WOMEN, 7), workbook, women::add);
        first = ingest();
        again = ingest();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static CliRun ingest() {
        return CliRun.of(
                "ingest",
                "--bootstrap-server",
                broker.bootstrapServers(),
                "--key-file",
                key.toString(),
                "--topic",
                "htcds",
                "--mapping",
                MAPPING.toString(),
                "--snapshot",
                "--snapshot-date",
                written.snapshotDate().toString(),
                workbook.toString());
    }

    /** The age band on her identification day, as docs/journeys.md defines the bands. */
    static String ageBand(HtcdsCase woman) {
        if (woman.dateOfBirth() == null || woman.dateOfBirth().isAfter(woman.identifiedOn())) {
            return "UNKNOWN";
        }
        int years = Period.between(woman.dateOfBirth(), woman.identifiedOn()).getYears();
        return years <= 11
                ? "AGE_0_11"
                : years <= 14
                        ? "AGE_12_14"
                        : years <= 17
                                ? "AGE_15_17"
                                : years <= 24 ? "AGE_18_24" : years <= 34 ? "AGE_25_34" : "AGE_35_PLUS";
    }

    @Test
    void everyCaseRowIsOneWomanOfTheRightExploitationTypeAndAgeBand() throws Exception {
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("rejected 0");

        LocalDate asOf = written.snapshotDate();
        ReleaseStage.Outcome release = LogReplay.defaults(broker.bootstrapServers(), "htcds", dir.resolve("w"), 10)
                .withAsOf(asOf)
                .release();
        assertThat(release.auditPassed()).as("%s", release.manifest().audit()).isTrue();

        // A woman whose Consent cell says No is left out of every table; everyone else is one journey.
        Map<String, Long> expected = new TreeMap<>();
        for (HtcdsCase woman : women) {
            if (!Boolean.FALSE.equals(woman.researchConsent())) {
                expected.merge(woman.exploitation() + " " + ageBand(woman), 1L, Long::sum);
            }
        }
        Map<String, Long> journeys = new TreeMap<>();
        for (String row : Query.rows(
                release.dir(),
                "SELECT exploitation_type, age_band, count(*) FROM case_journeys GROUP BY ALL ORDER BY ALL")) {
            String[] cells = row.split(" ");
            journeys.put(cells[0] + " " + cells[1], Long.parseLong(cells[2]));
        }
        assertThat(journeys).isEqualTo(expected);
        assertThat(release.manifest().contents().cases().cases()).isEqualTo(WOMEN);
        assertThat(women).anyMatch(w -> Boolean.FALSE.equals(w.researchConsent()));
    }

    @Test
    void theSameWorkbookIngestedAgainAppendsNothing() {
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("new 0, changed 0").contains("voided 0");
    }

    @Test
    void noNameBirthDatePhoneEmailOrStreetOfTheWorkbookIsInTheTopicsBytes() {
        // The workbook makes no reject (see the first test), so its reject topic is empty.
        // Changed names ("Bopha*") come from the list the generator draws given names from; never her own
        // (docs/pseudonymization.md), but another woman's may be. They are taken out before the search.
        String bytes = LogContents.searchableText(broker.bootstrapServers(), "htcds")
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\p{L}+\\*", "");
        List<String> searched = new ArrayList<>();
        for (HtcdsCase woman : women) {
            for (String identifier : woman.identifiers()) {
                String value = identifier.strip().toLowerCase(Locale.ROOT);
                // Pseudonyms are lower-case hex: a short value made only of hex digits could be inside one by chance.
                if (value.length() >= 5 && !value.matches("[0-9a-f]+")) {
                    searched.add(value);
                }
            }
        }
        assertThat(searched).as("identities of the workbook to search for").hasSizeGreaterThan(WOMEN * 3);
        assertThat(searched.stream().filter(bytes::contains).distinct().toList())
                .isEmpty();
    }
}
