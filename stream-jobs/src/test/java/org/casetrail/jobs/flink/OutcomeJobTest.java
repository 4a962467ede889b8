package org.casetrail.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.journey.Events;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExploitationType;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.Protection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster (parallelism 2, BATCH), read back from Parquet with DuckDB. */
class OutcomeJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path release;

    @TempDir
    Path warehouse;

    @Test
    void referralSourcesCountsDistinctIdentifiedConsentingWomenAndSuppressesSmallCells() throws Exception {
        List<CaseEvent> log = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Events c = new Events("adult-" + i);
            log.add(c.identified("adult-" + i + "-id", "2010-02-0" + (1 + i % 9)));
            log.add(c.identified("adult-" + i + "-id", "2010-02-0" + (1 + i % 9))); // exported twice
            log.add(c.consent("adult-" + i + "-c", "2010-02-10", true, false));
        }
        for (int i = 1; i <= 3; i++) {
            Events c = new Events("minor-" + i);
            log.add(c.identified(
                    "minor-" + i + "-id",
                    "2010-05-01",
                    "TOM_DY",
                    ReferralSource.OUTREACH,
                    ExploitationType.SEXUAL,
                    AgeBand.AGE_15_17,
                    true));
        }
        Events corrected = new Events("corrected");
        log.add(corrected.identified("corrected-wrong", "2010-01-01"));
        log.add(corrected.identified(
                "corrected-id",
                "2010-06-01",
                "TOM_DY",
                ReferralSource.OUTREACH,
                ExploitationType.SEXUAL,
                AgeBand.AGE_15_17,
                true));
        log.add(corrected.voids("corrected-void", "2010-07-01", "corrected-wrong"));
        Events withdrawn = new Events("withdrawn");
        log.add(withdrawn.identified("withdrawn-id", "2010-03-01"));
        log.add(withdrawn.withdrawn("withdrawn-c", "2010-04-01", false, false));
        log.add(new Events("unidentified").admitted("unidentified-in", "2010-03-01", "TOM_DY"));

        var result = replay(log);

        assertThat(result.<Long>getAccumulatorResult(JobCounters.EVENTS_READ)).isEqualTo(log.size());
        var snapshot = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(release.resolve("snapshot.json").toFile());
        assertThat(snapshot.get("as_of").asText()).isEqualTo("2012-12-31");
        assertThat(snapshot.get("events_seen").asLong()).isEqualTo(log.size());
        assertThat(snapshot.get("cases").get("cases").asLong()).isEqualTo(18);
        assertThat(snapshot.get("cases").get("cases_included").asLong()).isEqualTo(16);
        assertThat(snapshot.get("cases").get("cases_not_yet_identified").asLong())
                .isEqualTo(1);
        assertThat(snapshot.get("cases").get("cases_without_research_consent").asLong())
                .isEqualTo(1);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            ResultSet rs = sql.executeQuery(
                    "SELECT identification_year, referral_source, exploitation_type, minor, cases, suppressed FROM read_parquet('"
                            + release.resolve("public/referral_sources") + "/*.parquet') ORDER BY referral_source");
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4) + " "
                        + rs.getObject(5) + " " + rs.getBoolean(6));
            }
            assertThat(rows)
                    .containsExactly(
                            "2010 OUTREACH SEXUAL MINOR null true", "2010 POLICE_OPERATION SEXUAL ADULT 12 false");

            rs = sql.executeQuery("SELECT count(*), count(DISTINCT case_pseudonym) FROM read_parquet('"
                    + release.resolve("restricted/case_journeys") + "/*.parquet')");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(16);
            assertThat(rs.getLong(2)).isEqualTo(16);

            rs = sql.executeQuery("SELECT typeof(identified_on) FROM read_parquet('"
                    + release.resolve("restricted/case_journeys") + "/*.parquet') LIMIT 1");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("DATE");
        }
        try (Stream<Path> files = Files.walk(release)) {
            assertThat(files.filter(f -> f.toString().endsWith(".parquet")).toList())
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(Files.size(f)).isPositive());
        }
        assertThat(release.resolve("public/testimonies")).doesNotExist();
    }

    /**
     * A woman's enrolment exported as SEWING and corrected to WEAVING in a later export, for twelve
     * women: however the replay's two subtasks receive the versions, the latest in the log counts.
     */
    @Test
    void theLatestVersionOfARecordCountsHoweverTheReplayReceivesIt() throws Exception {
        List<CaseEvent> log = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Events c = new Events("trainee-" + i);
            log.add(c.identified("trainee-" + i + "-id", "2010-02-01"));
            log.add(c.training("trainee-" + i + "-enrol", EventType.TRAINING_ENROLLED, "2010-03-01", Course.SEWING));
        }
        for (int i = 1; i <= 12; i++) {
            Events c = new Events("trainee-" + i);
            CaseEvent weaving =
                    c.training("trainee-" + i + "-enrol", EventType.TRAINING_ENROLLED, "2010-03-01", Course.WEAVING);
            weaving.setRecordedAt(java.time.Instant.parse("2010-04-01T09:00:00Z"));
            log.add(weaving);
        }

        replay(log);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs = sql.executeQuery("SELECT enrolment_year, course, cases FROM read_parquet('"
                        + release.resolve("restricted/unsuppressed_training_outcomes")
                        + "/*.parquet') ORDER BY course")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
            }
            assertThat(rows).containsExactly("2010 WEAVING 12");
        }
    }

    /**
     * The job in BATCH mode on the events of {@code log}, each at its index as its log position,
     * delivered in a shuffled order, into {@link #release} as of 2012-12-31 with k = 10.
     */
    private JobExecutionResult replay(List<CaseEvent> log) throws Exception {
        List<LoggedEvent> delivered = new ArrayList<>();
        for (int position = 0; position < log.size(); position++) {
            delivered.add(LoggedEvent.of(log.get(position), position));
        }
        Collections.shuffle(delivered, new Random(42));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        DataStream<LoggedEvent> events = env.fromData(delivered, TypeInformation.of(LoggedEvent.class));
        PerturbationSecret.openOrCreate(warehouse);
        OutcomeJob.build(
                events,
                new OutcomeJob.Settings(
                        Events.day("2012-12-31"),
                        null,
                        Events.FINGERPRINT,
                        warehouse.resolve(PerturbationSecret.FILE_NAME).toString(),
                        new DisclosureSettings(
                                10, Protection.SUPPRESSION, PerturbationTable.CURRENT, ConsentBasis.UNLESS_WITHDRAWN),
                        new ReleaseAssembly.Target(release.toString(), false),
                        1000));
        return env.execute("outcome job test");
    }
}
