package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query and report commands as a user runs them, on a small version-2 release. */
class QueryAndReportCommandTest {

    @TempDir
    Path dir;

    Path warehouse;

    @BeforeEach
    void writeRelease() throws Exception {
        warehouse = dir.resolve("warehouse");
        Path release = warehouse.resolve("releases/r1");
        Path folder = Files.createDirectories(release.resolve("public/referral_sources"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES (2024, 'ALL', 'ALL', 'ALL', 61::BIGINT, false),"
                    + " (2024, 'POLICE_OPERATION', 'ALL', 'ALL', 52::BIGINT, false),"
                    + " (2024, 'HOTLINE', 'ALL', 'ALL', NULL::BIGINT, true),"
                    + " (2024, '=HYPERLINK(\"x\")', 'ALL', 'ALL', -1::BIGINT, false))"
                    + " t(identification_year, referral_source, exploitation_type, minor, cases, suppressed))"
                    + " TO '" + folder.resolve("part-0.parquet") + "' (FORMAT parquet)");
        }
        Files.writeString(
                release.resolve("manifest.json"),
                "{\"release_id\": \"r1\", \"as_of\": \"2024-12-31\", \"k\": 10,"
                        + " \"protection\": \"perturbation\", \"ptable_version\": \"ptable-v1\", \"publication\": {\"status\": \"public\", \"reasons\": []}}");
        Files.createSymbolicLink(warehouse.resolve("current"), Path.of("releases/r1"));
    }

    @Test
    void queryOutWritesNeutralisedCsvToTheFile() throws Exception {
        Path csv = dir.resolve("sources.csv");

        CliRun run = run(
                "query",
                "--warehouse",
                warehouse.toString(),
                "--format",
                "csv",
                "--out",
                csv.toString(),
                "SELECT referral_source, cases FROM referral_sources WHERE referral_source <> 'ALL' ORDER BY referral_source");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readAllLines(csv))
                .containsExactly(
                        "referral_source,cases", "\"'=HYPERLINK(\"\"x\"\")\",-1", "HOTLINE,", "POLICE_OPERATION,52");
    }

    @Test
    void aRefusedQueryExitsWithOneLineOfReason() {
        CliRun run = run("query", "--warehouse", warehouse.toString(), "SELECT * FROM read_csv('/etc/passwd')");

        assertThat(run.status()).isEqualTo(Casetrail.FAILED);
        assertThat(run.err())
                .startsWith("casetrail: refused: this session reads only the tables of its release")
                .hasLineCount(1)
                .doesNotContain("Exception");
    }

    @Test
    void reportWritesTheHtmlAndACsvPerPublicTable() throws Exception {
        Path html = dir.resolve("out/report.html");

        CliRun run = run("report", "--warehouse", warehouse.toString(), "--out", html.toString(), "--year", "2024");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("report for 2024: " + html);
        assertThat(Files.readString(html))
                .contains("<tr><td>Police operation</td><td>52</td></tr>")
                .contains("<tr><td>Hotline</td><td class=\"withheld\">withheld</td></tr>");
        assertThat(dir.resolve("out/report-referral_sources.csv")).exists();
        assertThat(dir.resolve("out/report-cohort_outcomes.csv")).exists();
    }

    @Test
    void onlyAPublicSessionKeepsAHistoryFileAndItIsInTheHomeFolder() {
        Path home = dir.resolve("home");
        assertThat(QueryCommand.historyFile(false, home)).isEqualTo(home.resolve(".casetrail_history"));
        assertThat(QueryCommand.historyFile(true, home)).isNull();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
