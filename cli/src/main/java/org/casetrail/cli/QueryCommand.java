package org.casetrail.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.casetrail.warehouse.query.QuerySession;
import org.casetrail.warehouse.query.ResultFormat;
import org.casetrail.warehouse.release.Warehouse;
import org.casetrail.warehouse.report.ReportFiles;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL (DuckDB) over the tables of the current release; public tables only unless --restricted.",
                "Without SQL, an interactive prompt with history. The session cannot read or write any file,",
                "nor change a release."})
final class QueryCommand implements Callable<Integer> {

    /** In the user's home, never in the warehouse: what a researcher typed is hers, not the release's. */
    static final String HISTORY_FILE = ".casetrail_history";

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--restricted", description = "Also see restricted tables (exact tables, case_journeys).")
    boolean restricted;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--release", description = "A release id instead of the current one.")
    String release;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result to FILE instead of the terminal (with SQL only).")
    Path out;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL",
            description = "The query, e.g. \"SELECT * FROM referral_sources\"; without it, a prompt.")
    String sql;

    @Override
    public Integer call() {
        ResultFormat resultFormat;
        try {
            resultFormat = ResultFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--format must be table, csv or json");
        }
        if (sql == null && out != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--out needs SQL; the prompt prints to the terminal");
        }
        Warehouse wh = new Warehouse(warehouse);
        Path releaseDir = wh.release(Optional.ofNullable(release));
        JsonNode manifest = ReportFiles.manifest(releaseDir);
        String releaseId = releaseDir.getFileName().toString();
        if (manifest.path("publishable").asBoolean(true) == false || "internal".equals(manifest.path("publication").asText())) {
            System.err.println("casetrail: note: release " + releaseId + " is internal, NOT published; use its figures for checking only.");
        }
        try (QuerySession session = QuerySession.open(releaseDir, restricted)) {
            if (sql == null) {
                prompt(session, resultFormat, releaseId);
            } else if (out == null) {
                session.run(sql, resultFormat, System.out);
            } else {
                try (PrintStream file = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
                    session.run(sql, resultFormat, file);
                }
                System.err.println("casetrail: wrote " + out);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage());
        }
        return 0;
    }

    /** A restricted session's statements may name case pseudonyms: keep them out of a file that outlives it. */
    static Path historyFile(boolean restricted, Path home) {
        return restricted ? null : home.resolve(HISTORY_FILE);
    }

    private void prompt(QuerySession session, ResultFormat resultFormat, String releaseId) throws IOException {
        Path history = historyFile(restricted, Path.of(System.getProperty("user.home")));
        // dumb(true): piped input (a script feeding statements) gets a plain terminal without a warning.
        try (Terminal terminal = TerminalBuilder.builder().name("casetrail").system(true).dumb(true).build()) {
            new QueryShell(session, terminal, history, resultFormat).run("casetrail query: release " + releaseId
                    + (restricted ? ", restricted tables included (history not kept)" : ", published tables"));
        }
    }
}
