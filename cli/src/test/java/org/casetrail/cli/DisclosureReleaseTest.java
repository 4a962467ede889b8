package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.Protection;
import org.casetrail.warehouse.release.ReleaseStage;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disclosure control on a real release of a generated case-load: a determined reader's
 * subtractions recover nothing under k, and a release broken by hand is refused by the audit and
 * never becomes current.
 */
class DisclosureReleaseTest {

    private static final int K = 10;

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    static Path warehouse;
    static ReleaseStage.Outcome good;

    @BeforeAll
    static void release() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        IngestedCaseLoad.ingest(broker.bootstrapServers(), dir, 2500, 77);
        warehouse = dir.resolve("warehouse");
        good = suppression().release();
        assertThat(good.published()).as(String.valueOf(good.manifest().audit())).isTrue();
    }

    /** Suppression: exact counts, small cells withheld and no rollup rows, for a one-off exact publication. */
    static LogReplay suppression() {
        return LogReplay.defaults(broker.bootstrapServers(), "case-events", warehouse, K)
                .withDisclosure(new DisclosureSettings(
                        K, Protection.SUPPRESSION, PerturbationTable.CURRENT, ConsentBasis.UNLESS_WITHDRAWN));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void noSubtractionWithinOrAcrossTablesRecoversFewerThanKWomen() throws Exception {
        Path r = good.dir();
        List<String> recovered = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            String[][] tables = {
                {"cohort_outcomes", "identification_year", "centre", "age_band", "exploitation_type"},
                {"training_outcomes", "enrolment_year", "course"},
                {"followup_status", "reintegration_year", "checkpoint_months", "status"},
                {"shelter_occupancy", "month", "centre"},
                {"referral_sources", "identification_year", "referral_source", "exploitation_type", "minor"},
                {"legal_outcomes", "filed_year", "charge"}
            };
            for (String[] t : tables) {
                List<String> keys = List.of(t).subList(1, t.length);
                sql.execute("CREATE OR REPLACE VIEW cells AS SELECT p.*, u.cases AS true_cases FROM read_parquet('" + r
                        + "/public/" + t[0]
                        + "/*.parquet') p JOIN read_parquet('" + r + "/restricted/unsuppressed_" + t[0]
                        + "/*.parquet') u ON "
                        + String.join(
                                " AND ",
                                keys.stream()
                                        .map(k -> "p." + k + " IS NOT DISTINCT FROM u." + k)
                                        .toList()));
                for (String total : keys) {
                    // Assume the reader knows every group total: total minus the visible cells is what the suppressed
                    // ones hide.
                    List<String> rest =
                            keys.stream().filter(k -> !k.equals(total)).toList();
                    String groupBy = rest.isEmpty() ? "" : " GROUP BY " + String.join(", ", rest);
                    recovered.addAll(rows(
                            sql,
                            "SELECT '" + t[0] + " by " + total
                                    + "' AS what, sum(true_cases) FILTER (WHERE suppressed) AS hidden"
                                    + " FROM cells" + groupBy
                                    + " HAVING count(*) > 1 AND count(*) FILTER (WHERE suppressed) BETWEEN 1 AND count(*) - 1"
                                    + " AND (count(*) FILTER (WHERE suppressed) = 1 OR sum(true_cases) FILTER (WHERE suppressed) < "
                                    + K + ")"));
                }
            }
            // Across tables: a margin that one view shows in full is a published total for the other.
            sql.execute(
                    "CREATE VIEW cohort AS SELECT identification_year AS y, exploitation_type AS e, CASE WHEN age_band IN ('AGE_0_11','AGE_12_14','AGE_15_17') THEN 'MINOR' WHEN age_band = 'UNKNOWN' THEN 'UNKNOWN' ELSE 'ADULT' END AS m, cases, suppressed FROM read_parquet('"
                            + r + "/public/cohort_outcomes/*.parquet')");
            sql.execute(
                    "CREATE VIEW referral AS SELECT identification_year AS y, exploitation_type AS e, minor AS m, cases, suppressed FROM read_parquet('"
                            + r + "/public/referral_sources/*.parquet')");
            for (String[] pair : new String[][] {{"cohort", "referral"}, {"referral", "cohort"}}) {
                recovered.addAll(rows(
                        sql,
                        "WITH known AS (SELECT y, e, m, sum(cases) AS total FROM " + pair[0]
                                + " GROUP BY ALL HAVING bool_and(NOT suppressed)),"
                                + " seen AS (SELECT y, e, m, coalesce(sum(cases), 0) AS visible FROM " + pair[1]
                                + " GROUP BY ALL)"
                                + " SELECT '" + pair[1] + " minus " + pair[0]
                                + " total' AS what, total - visible AS hidden FROM known JOIN seen"
                                + " ON known.y = seen.y AND known.e = seen.e AND known.m IS NOT DISTINCT FROM seen.m WHERE total - visible BETWEEN 1 AND "
                                + (K - 1)));
            }
            recovered.addAll(rows(
                    sql,
                    "WITH f AS (SELECT * FROM read_parquet('" + r + "/public/followup_status/*.parquet')),"
                            + " known AS (SELECT reintegration_year, checkpoint_months, sum(cases) AS total FROM f GROUP BY ALL HAVING bool_and(NOT suppressed)),"
                            + " seen AS (SELECT reintegration_year, checkpoint_months, coalesce(sum(cases), 0) AS visible FROM f GROUP BY ALL)"
                            + " SELECT 'followup checkpoint minus another checkpoint total' AS what, total - visible AS hidden FROM known JOIN seen USING (reintegration_year)"
                            + " WHERE total - visible BETWEEN 1 AND " + (K - 1)));
        }
        assertThat(recovered).isEmpty();
        assertThat(good.manifest().contents().tables().values().stream()
                        .mapToLong(t -> t.suppressedSecondary())
                        .sum())
                .as("the case-load needs secondary suppression, so the test exercises it")
                .isPositive();
    }

    @Test
    void aReleaseBrokenByHandFailsTheAuditAndNeverBecomesCurrent() throws Exception {
        String before = new Warehouse(warehouse).currentId().orElseThrow();
        ReleaseStage.Outcome broken = suppression().release(DisclosureReleaseTest::unsuppressOneCell);

        assertThat(broken.published()).isFalse();
        assertThat(broken.manifest().audit().passed()).isFalse();
        assertThat(broken.manifest().audit().failures())
                .anySatisfy(
                        f -> assertThat(f).contains("referral_sources cell (").contains("fewer than k=10"));
        assertThat(new Warehouse(warehouse).currentId()).contains(before);
        assertThat(new Warehouse(warehouse).releaseIds()).contains(broken.releaseId());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Casetrail.run("audit", "--warehouse", warehouse.toString(), "--release", broken.releaseId());
        } finally {
            System.setOut(original);
        }
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("FAILS")
                .contains("referral_sources cell (identification_year=");
        assertThat(Casetrail.run("audit", "--warehouse", warehouse.toString())).isZero();
    }

    /** Shows the true count of the first primary-suppressed cell of referral_sources, as a careless hand would. */
    static void unsuppressOneCell(Path release) {
        Path folder = release.resolve("public/referral_sources");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                Stream<Path> old = Files.list(folder)) {
            List<Path> files = old.toList();
            String keys = "identification_year, referral_source, exploitation_type, minor";
            sql.execute("COPY (WITH p AS (SELECT *, row_number() OVER (ORDER BY suppressed DESC, " + keys
                    + ") AS rn FROM read_parquet('" + folder + "/*.parquet')),"
                    + " u AS (SELECT * FROM read_parquet('" + release
                    + "/restricted/unsuppressed_referral_sources/*.parquet')"
                    + " WHERE cases < 10) SELECT p.identification_year, p.referral_source, p.exploitation_type, p.minor,"
                    + " CASE WHEN p.rn = (SELECT min(rn) FROM p JOIN u USING (identification_year, referral_source, exploitation_type) WHERE p.minor IS NOT DISTINCT FROM u.minor)"
                    + " THEN u.cases ELSE p.cases END AS cases,"
                    + " CASE WHEN p.rn = (SELECT min(rn) FROM p JOIN u USING (identification_year, referral_source, exploitation_type) WHERE p.minor IS NOT DISTINCT FROM u.minor)"
                    + " THEN false ELSE p.suppressed END AS suppressed"
                    + " FROM p LEFT JOIN u ON p.identification_year = u.identification_year AND p.referral_source = u.referral_source"
                    + " AND p.exploitation_type = u.exploitation_type AND p.minor IS NOT DISTINCT FROM u.minor)"
                    + " TO '" + folder + "/tampered.parquet' (FORMAT parquet)");
            for (Path f : files) {
                Files.delete(f);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> rows(Statement sql, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " hides " + rs.getObject(2));
            }
        }
        return rows;
    }
}
