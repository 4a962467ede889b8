package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.casetrail.warehouse.query.QuerySession;
import org.casetrail.warehouse.query.ResultFormat;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryShellTest {

    @TempDir
    Path dir;

    @Test
    void thePromptRunsStatementsAnswersARefusalInOneLineAndKeepsGoing() throws Exception {
        Path release = releaseWithReferralSources();
        Path history = dir.resolve("history");
        String typed = """
                SELECT referral_source, cases
                FROM referral_sources WHERE cases > 40;
                SELECT * FROM read_csv('/etc/passwd');
                COPY referral_sources TO '%s';
                .schema referral_sources
                SELECT 41 + 1 AS answer;
                .quit
                SELECT 'never run';
                """.formatted(dir.resolve("leak.csv"));

        String shown = run(release, typed, history);

        assertThat(shown).contains("POLICE_OPERATION | 52").doesNotContain("HOTLINE");
        assertThat(shown)
                .contains("refused: this session reads only the tables of its release and may not open, write or attach"
                        + " files, nor load extensions (Cannot access file \"/etc/passwd\")");
        assertThat(shown)
                .contains("referral_source")
                .contains("answer")
                .contains("42")
                .doesNotContain("never run");
        assertThat(shown).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("leak.csv")).doesNotExist();
        assertThat(Files.readString(history)).contains("SELECT 41 + 1 AS answer;");
    }

    private String run(Path release, String typed, Path history) throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (Terminal terminal =
                        new DumbTerminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), shown);
                QuerySession session = QuerySession.open(release, false)) {
            new QueryShell(session, terminal, history, ResultFormat.TABLE).run("test release");
        }
        return shown.toString(StandardCharsets.UTF_8);
    }

    private Path releaseWithReferralSources() throws Exception {
        Path release = dir.resolve("releases/r1");
        Path folder = release.resolve("public/referral_sources");
        Files.createDirectories(folder);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES (2024, 'POLICE_OPERATION', 'ALL', 'ALL', 52::BIGINT, false),"
                    + " (2024, 'HOTLINE', 'ALL', 'ALL', NULL::BIGINT, true))"
                    + " t(identification_year, referral_source, exploitation_type, minor, cases, suppressed))"
                    + " TO '" + folder.resolve("part-0.parquet") + "' (FORMAT parquet)");
        }
        return release;
    }
}
