package org.casetrail.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casetrail.warehouse.FixtureRelease;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.query.QuerySession;
import org.casetrail.warehouse.query.ResultFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a researcher's session may not do, each tried and refused with one line of reason. */
class CatalogLockTest {

    @TempDir
    Path root;

    Path release;

    @BeforeEach
    void writeRelease() throws Exception {
        release = FixtureRelease.write(root);
    }

    @Test
    void aPublicSessionReadsThePublishedTables() {
        try (QuerySession session = QuerySession.open(release, false)) {
            assertThat(run(
                            session,
                            "SELECT cases FROM referral_sources WHERE referral_source = 'POLICE_OPERATION' "
                                    + "AND exploitation_type = 'ALL' AND minor = 'ALL' AND identification_year = 2024"))
                    .isEqualTo("cases\n52\n");
        }
    }

    @Test
    void aPublicSessionCannotReadARestrictedTableByName() {
        try (QuerySession session = QuerySession.open(release, false)) {
            assertRefused(
                    session,
                    "SELECT * FROM unsuppressed_cohort_outcomes",
                    "refused: unsuppressed_cohort_outcomes is a restricted table");
            assertRefused(session, "SELECT * FROM case_journeys", "refused: case_journeys is a restricted table");
        }
    }

    @Test
    void aPublicSessionCannotReadARestrictedTableByPath() {
        Path file = release.resolve("restricted/case_journeys/part-0.parquet");
        assertThat(file).exists();
        try (QuerySession session = QuerySession.open(release, false)) {
            assertRefused(
                    session,
                    "SELECT * FROM read_parquet('" + file + "')",
                    "refused: this session reads only the tables");
            assertRefused(
                    session,
                    "SELECT * FROM read_parquet('"
                            + release.resolve("public/cohort_outcomes/../../restricted/case_journeys/*.parquet") + "')",
                    "refused: this session reads only the tables");
        }
    }

    @Test
    void noSessionCanReadAFileOutsideTheWarehouse() {
        for (boolean restricted : new boolean[] {false, true}) {
            try (QuerySession session = QuerySession.open(release, restricted)) {
                assertRefused(
                        session,
                        "SELECT * FROM read_csv('/etc/passwd')",
                        "refused: this session reads only the tables of its release and may not open, write or attach files,"
                                + " nor load extensions (Cannot access file \"/etc/passwd\")");
                assertRefused(
                        session,
                        "SELECT * FROM glob('" + release + "/*')",
                        "refused: this session reads only the tables");
            }
        }
    }

    @Test
    void noSessionCanWriteAFileNorChangeARelease() throws Exception {
        Path published = release.resolve("public/referral_sources/part-0.parquet");
        byte[] before = Files.readAllBytes(published);
        try (QuerySession session = QuerySession.open(release, true)) {
            assertRefused(
                    session,
                    "COPY (SELECT 1 AS x) TO '" + root.resolve("out.csv") + "'",
                    "refused: this session reads only");
            assertRefused(
                    session,
                    "COPY (SELECT * FROM referral_sources WHERE false) TO '" + published + "' (FORMAT parquet)",
                    "refused: this session reads only");
            assertRefused(
                    session,
                    "COPY referral_sources TO '" + release.resolve("public/referral_sources/part-1.parquet")
                            + "' (FORMAT parquet)",
                    "refused: this session reads only");
            assertRefused(
                    session,
                    "ATTACH '" + root.resolve("other.duckdb") + "' AS other",
                    "refused: this session reads only");
            // Dropping or changing a table changes only this session's copy in memory.
            run(session, "DELETE FROM referral_sources");
        }
        assertThat(root.resolve("out.csv")).doesNotExist();
        assertThat(root.resolve("other.duckdb")).doesNotExist();
        assertThat(release.resolve("public/referral_sources/part-1.parquet")).doesNotExist();
        assertThat(Files.readAllBytes(published)).isEqualTo(before);
        try (QuerySession session = QuerySession.open(release, false)) {
            assertThat(run(session, "SELECT count(*) AS n FROM referral_sources"))
                    .isEqualTo("n\n9\n");
        }
    }

    @Test
    void theLockCannotBeLifted() {
        try (QuerySession session = QuerySession.open(release, false)) {
            assertRefused(
                    session,
                    "SET enable_external_access = true",
                    "refused: the session's settings are locked so that SQL cannot widen what it may read (setting enable_external_access)");
            assertRefused(session, "SET allowed_directories = ['/']", "refused: the session's settings are locked");
            assertRefused(session, "RESET lock_configuration", "refused: the session's settings are locked");
            assertRefused(session, "LOAD httpfs", "refused: this session reads only");
        }
    }

    @Test
    void aRestrictedSessionSeesTheExactTables() {
        try (QuerySession session = QuerySession.open(release, true)) {
            assertThat(run(session, "SELECT count(*) AS n FROM case_journeys")).isEqualTo("n\n1\n");
            assertThat(run(session, "SELECT cases FROM unsuppressed_cohort_outcomes WHERE centre = 'KAMPONG_CHAM'"))
                    .isEqualTo("cases\n7\n");
        }
    }

    @Test
    void aMistakeGetsDuckDbsReasonOnOneLine() {
        try (QuerySession session = QuerySession.open(release, false)) {
            assertRefused(
                    session,
                    "SELECT * FROM no_such_table",
                    "query failed: Catalog Error: Table with name no_such_table does not exist!");
            assertRefused(session, "SELEC 1", "query failed: Parser Error: syntax error at or near \"SELEC\"");
        }
    }

    private static void assertRefused(QuerySession session, String sql, String reasonStart) {
        assertThatThrownBy(() -> run(session, sql))
                .isInstanceOf(WarehouseException.class)
                .satisfies(
                        e -> assertThat(e.getMessage()).startsWith(reasonStart).doesNotContain("\n"));
    }

    private static String run(QuerySession session, String sql) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        session.run(sql, ResultFormat.CSV, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
