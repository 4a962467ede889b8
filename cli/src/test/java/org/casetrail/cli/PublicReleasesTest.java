package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.LevelLoss;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.release.ReleaseStage;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public releases over time, on a case-load of an organisation's real size (about 250 women a
 * year for five years, k=10): what they publish, what two of them a period apart let a reader
 * subtract, what happens to a late event of one woman, and who can read what on disk.
 *
 * <p>The two releases, their log and their warehouse are made once and only read: a test that adds
 * events writes a log of its own, and a test that adds a release or changes a file works on a copy
 * of the warehouse, so the tests run in any order.
 */
class PublicReleasesTest {

    private static final int K = 10;
    private static final String TOPIC = "case-events";
    private static final LocalDate END_OF_2012 = LocalDate.parse("2012-12-31");
    private static final LocalDate END_OF_Q1_2013 = LocalDate.parse("2013-03-31");

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    /** The generated case-load, ingested into {@link #TOPIC}. */
    static IngestedCaseLoad load;

    static Path warehouse;
    static ReleaseStage.Outcome yearEnd;
    static ReleaseStage.Outcome quarterLater;
    /** The exact rows of the year-end release, kept aside: the warehouse deletes them once a newer release is current. */
    static Map<String, String> yearEndExact;

    @BeforeAll
    static void twoPublicReleasesAPeriodApart() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        load = IngestedCaseLoad.ingest(broker.bootstrapServers(), dir, 1250, 2024);
        warehouse = dir.resolve("warehouse");
        yearEnd = (request(warehouse).withAsOf(END_OF_2012)).release();
        assertThat(yearEnd.published())
                .as("%s", yearEnd.manifest().publication())
                .isTrue();
        yearEndExact = exactRows(yearEnd.dir());
        quarterLater = (request(warehouse).withAsOf(END_OF_Q1_2013)).release();
        assertThat(quarterLater.published())
                .as(
                        "%s %s",
                        quarterLater.manifest().publication(),
                        quarterLater.manifest().audit())
                .isTrue();
    }

    static LogReplay request(Path warehouseDir) {
        return request(TOPIC, warehouseDir);
    }

    static LogReplay request(String topic, Path warehouseDir) {
        return LogReplay.defaults(broker.bootstrapServers(), topic, warehouseDir, K);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void atRealSizeEveryYearTotalAndNearlyEveryWomanIsPublishedWithSmallNoise() throws Exception {
        Map<String, Map<String, LevelLoss>> loss = yearEnd.manifest().contents().informationLoss();
        long women = 0;
        long published = 0;
        double absoluteDifference = 0;
        long counts = 0;
        for (TableSpec table : Tables.SUPPRESSED) {
            for (Map.Entry<String, LevelLoss> level : loss.get(table.name()).entrySet()) {
                if (level.getKey().split(" × ").length != (table == Tables.FOLLOWUP_STATUS ? 3 : 2)) {
                    continue;
                }
                // One-key levels: the time key (and the checkpoint) broken down by one dimension.
                LevelLoss l = level.getValue();
                assertThat(l.womenShare())
                        .as("%s by %s", table.name(), level.getKey())
                        .isGreaterThanOrEqualTo(0.70);
                women += l.women();
                published += l.womenPublished();
                absoluteDifference += l.meanAbsoluteDifference() * l.countsPublished();
                counts += l.countsPublished();
            }
        }
        assertThat((double) published / women)
                .as("women counted in published rows, over every one-key level")
                .isGreaterThanOrEqualTo(0.95);
        assertThat(absoluteDifference / counts)
                .as("mean absolute perturbation of published counts")
                .isLessThanOrEqualTo(1.0);

        assertThat(Query.rows(
                        yearEnd.dir(),
                        "SELECT identification_year, suppressed FROM cohort_outcomes WHERE centre = 'ALL'"
                                + " AND age_band = 'ALL' AND exploitation_type = 'ALL' ORDER BY 1"))
                .containsExactly("2009 false", "2010 false", "2011 false", "2012 false");
        assertThat(Query.rows(
                        yearEnd.dir(),
                        "SELECT count(*) FROM referral_sources WHERE referral_source = 'ALL'"
                                + " AND exploitation_type = 'ALL' AND minor = 'ALL' AND NOT suppressed"))
                .containsExactly("4");
    }

    @Test
    void twoPublicReleasesAPeriodApartLeaveEveryUnchangedRowIdentical() throws Exception {
        Map<String, String> later = exactRows(quarterLater.dir());
        Map<String, String> publishedBefore = publishedRows(yearEnd.dir());
        Map<String, String> publishedAfter = publishedRows(quarterLater.dir());
        int unchanged = 0;
        for (Map.Entry<String, String> row : yearEndExact.entrySet()) {
            if (row.getValue().equals(later.get(row.getKey()))) {
                unchanged++;
                assertThat(publishedAfter.get(row.getKey()))
                        .as(row.getKey())
                        .isEqualTo(publishedBefore.get(row.getKey()));
            }
        }
        assertThat(unchanged)
                .as("rows whose women did not change between the releases")
                .isGreaterThan(500);
        assertThat(quarterLater.manifest().publication().womenChanged()).isGreaterThanOrEqualTo(K);
        assertThat(yearEnd.dir().resolve("restricted"))
                .as("exact tables are kept in the current release only")
                .doesNotExist();
        assertThat(yearEnd.dir().resolve("public")).exists();
        assertThat(yearEnd.dir().resolve("manifest.json")).exists();
    }

    @Test
    void aLateEventForOneWomanDoesNotBecomeCurrent() throws Exception {
        Path copy = copyOfTheWarehouse("late-event");
        String caseId = aConsentingCase();
        Path late = dir.resolve("late.jsonl");
        Files.writeString(
                late,
                "{\"source\": \"casetrail-synthetic\", \"source_event_id\": \"LATE-1\", \"case_id\": \"" + caseId
                        + "\","
                        + " \"type\": \"FOLLOW_UP\", \"occurred_at\": \"2012-11-20\", \"details\": {\"status\": \"RE_TRAFFICKED\","
                        + " \"livelihood\": \"NONE\", \"income_band\": \"NONE\"}}\n");
        // The releases' log again, then the late event, in a topic of its own.
        assertThat(IngestCommand.ingest(
                                broker.bootstrapServers(), load.key(), "late-event", 3, List.of(load.export(), late))
                        .accepted())
                .isEqualTo(load.ingested().accepted() + 1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Casetrail.run(
                    "replay",
                    "--bootstrap-server",
                    broker.bootstrapServers(),
                    "--topic",
                    "late-event",
                    "--warehouse",
                    copy.toString(),
                    "--as-of",
                    END_OF_Q1_2013.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed)
                .contains("INTERNAL release")
                .contains("only 1 women's journeys differ from the current public release " + quarterLater.releaseId());
        assertThat(new Warehouse(copy).currentId()).contains(quarterLater.releaseId());
        String internal = new Warehouse(copy).releaseIds().get(2);
        assertThat(Query.rows(new Warehouse(copy).releases().resolve(internal), "SELECT count(*) FROM case_journeys"))
                .as("an internal release keeps its exact tables for checking")
                .isNotEmpty();
    }

    @Test
    void aRestoredSecretPublishesTheSameRowsAndAnotherSecretOtherNoise() throws Exception {
        Path restored = Files.createDirectories(dir.resolve("restored"));
        Files.copy(
                warehouse.resolve("perturbation.key"),
                restored.resolve("perturbation.key"),
                StandardCopyOption.COPY_ATTRIBUTES);
        ReleaseStage.Outcome there = request(restored).withAsOf(END_OF_2012).release();
        assertThat(there.manifest().fingerprints().perturbationSecret())
                .isEqualTo(yearEnd.manifest().fingerprints().perturbationSecret());
        assertThat(publishedRows(there.dir())).isEqualTo(publishedRows(yearEnd.dir()));

        ReleaseStage.Outcome elsewhere =
                request(dir.resolve("another-secret")).withAsOf(END_OF_2012).release();
        assertThat(publishedRows(elsewhere.dir()))
                .as("another warehouse's secret, other noise")
                .isNotEqualTo(publishedRows(yearEnd.dir()));
    }

    @Test
    void explicitConsentCountsOnlyWomenWhoseLatestConsentAllowsResearch() throws Exception {
        // Fifteen women identified in 2012 with no consent on record: counted by default, not under explicit consent.
        Path unconsented = dir.resolve("unconsented.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            lines.append("{\"source\": \"casetrail-synthetic\", \"source_event_id\": \"NC-")
                    .append(i)
                    .append("-1\", \"case_id\": \"NC-")
                    .append(i)
                    .append(
                            "\", \"type\": \"CASE_IDENTIFIED\", \"occurred_at\": \"2012-05-01\", \"centre\": \"TOM_DY\","
                                    + " \"details\": {\"referral_source\": \"HOTLINE\", \"exploitation_type\": \"LABOUR\"}}\n");
        }
        Files.writeString(unconsented, lines);
        // The releases' log again, then the fifteen, in a topic of its own.
        assertThat(IngestCommand.ingest(
                                broker.bootstrapServers(),
                                load.key(),
                                "unconsented",
                                3,
                                List.of(load.export(), unconsented))
                        .accepted())
                .isEqualTo(load.ingested().accepted() + 15);

        ReleaseStage.Outcome unlessWithdrawn = request("unconsented", dir.resolve("unless-withdrawn"))
                .withAsOf(END_OF_2012)
                .release();
        ReleaseStage.Outcome explicit = request("unconsented", dir.resolve("explicit"))
                .withAsOf(END_OF_2012)
                .withDisclosure(new DisclosureSettings(
                        K, Protection.PERTURBATION, PerturbationTable.CURRENT, ConsentBasis.EXPLICIT))
                .release();
        CaseCounts cases = explicit.manifest().contents().cases();
        assertThat(explicit.manifest().disclosure().consentBasis()).isEqualTo(ConsentBasis.EXPLICIT);
        assertThat(unlessWithdrawn.manifest().disclosure().consentBasis()).isEqualTo(ConsentBasis.UNLESS_WITHDRAWN);
        assertThat(unlessWithdrawn.manifest().contents().cases().included() - cases.included())
                .as("every generated woman has a consent on record; the fifteen have none")
                .isEqualTo(15);
        assertThat(cases.included() + cases.withoutResearchConsent() + cases.notYetIdentified())
                .isEqualTo(cases.cases());
        assertThat(Query.rows(explicit.dir(), "SELECT count(*) FROM case_journeys"))
                .containsExactly(String.valueOf(cases.included()));
        assertThat(
                        Query.rows(
                                explicit.dir(),
                                "SELECT count(*) FROM case_journeys WHERE referral_source = 'HOTLINE' AND"
                                        + " exploitation_type = 'LABOUR' AND identified_on = DATE '2012-05-01' AND centre = 'TOM_DY'"))
                .containsExactly("0");
    }

    @Test
    void theAuditFailsAReleaseWhoseRestrictedDataOthersCanRead() throws Exception {
        Path copy = copyOfTheWarehouse("readable-by-others");
        Path current = new Warehouse(copy).releases().resolve(quarterLater.releaseId());
        assertThat(Files.getPosixFilePermissions(current.resolve("restricted")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Path file;
        try (Stream<Path> files = Files.walk(current.resolve("restricted/case_journeys"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Casetrail.run("audit", "--warehouse", copy.toString());
        } finally {
            System.setOut(original);
        }
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("can be read by other users")
                .contains("chmod");
    }

    /**
     * A copy of the warehouse as the two releases left it, permissions and the {@code current} link
     * included, for a test that adds a release to it or changes a file in it.
     */
    private static Path copyOfTheWarehouse(String name) throws Exception {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(warehouse)) {
            for (Path file : files.toList()) {
                Files.copy(
                        file,
                        copy.resolve(warehouse.relativize(file).toString()),
                        LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** A case of the export whose consent never refuses research use. */
    private static String aConsentingCase() throws Exception {
        Map<String, Boolean> refused = new HashMap<>();
        try (Stream<String> lines = Files.lines(load.export())) {
            lines.filter(l -> l.contains("\"case_id\":\"")).forEach(l -> {
                String id = l.replaceAll(".*\"case_id\":\"([^\"]+)\".*", "$1");
                refused.merge(id, l.contains("\"research_use\":false"), Boolean::logicalOr);
            });
        }
        return refused.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    /** Every row of every unsuppressed table: key -> exact counts and cell keys. */
    private static Map<String, String> exactRows(Path release) throws Exception {
        return rows(release, true);
    }

    /** Every row of every public table: key -> published values. */
    private static Map<String, String> publishedRows(Path release) throws Exception {
        return rows(release, false);
    }

    private static Map<String, String> rows(Path release, boolean exact) throws Exception {
        Map<String, String> rows = new HashMap<>();
        for (TableSpec table : Tables.SUPPRESSED) {
            String keys = table.keys().stream()
                    .map(c -> "CAST(" + c.name() + " AS VARCHAR)")
                    .collect(Collectors.joining(" || '/' || "));
            TableSpec source = exact ? table.unsuppressed() : table;
            String values = source.columns().stream()
                    .filter(c -> !c.rollup() && c.kind() != org.casetrail.schemas.table.Column.Kind.KEY)
                    .map(c -> "coalesce(CAST(" + c.name() + " AS VARCHAR), 'null')")
                    .collect(Collectors.joining(" || ' ' || "));
            for (String row : Query.rows(
                    release, "SELECT '" + table.name() + "/' || " + keys + ", " + values + " FROM " + source.name())) {
                int space = row.indexOf(' ');
                rows.put(row.substring(0, space), row.substring(space + 1));
            }
        }
        return rows;
    }
}
