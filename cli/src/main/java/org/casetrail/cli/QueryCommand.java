package org.casetrail.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casetrail.warehouse.query.QuerySession;
import org.casetrail.warehouse.query.ResultFormat;
import org.casetrail.warehouse.release.LiveSnapshots;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Run SQL (DuckDB) over the tables of the current release; public tables only unless --restricted.",
            "Without SQL, an interactive prompt with history. The session cannot read or write any file,",
            "nor change a release."
        })
final class QueryCommand implements Callable<Integer> {

    /** In the user's home, never in the warehouse: what a researcher typed is hers, not the release's. */
    static final String HISTORY_FILE = ".casetrail_history";

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--restricted", description = "Also see restricted tables (exact tables, case_journeys).")
    boolean restricted;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--release",
            description = "A release id instead of the current one (an internal release needs --restricted).")
    String release;

    @Option(
            names = "--live",
            description = "Read the newest live snapshot of a streaming run instead of a release (needs --restricted).")
    boolean live;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the result to FILE instead of the terminal (with SQL only).")
    Path out;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SQL",
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
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--out needs SQL; the prompt prints to the terminal");
        }
        Warehouse wh = new Warehouse(warehouse);
        Path releaseDir;
        if (live) {
            if (!restricted || release != null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this),
                        "--live reads the newest live snapshot of a streaming run, which is restricted: add --restricted (and no --release)");
            }
            releaseDir = LiveSnapshots.newest(wh)
                    .orElseThrow(() -> new CliException(
                            "there is no live snapshot in " + wh.live() + "; run casetrail stream first"));
            System.err.println(
                    "casetrail: note: reading the live snapshot " + releaseDir + " (restricted; not a public release)");
        } else {
            releaseDir = wh.release(Optional.ofNullable(release));
            ReleaseManifest manifest = wh.manifest(releaseDir);
            if (!manifest.isPublic()) {
                if (!restricted) {
                    throw new CliException("release " + manifest.releaseId() + " is internal, not public ("
                            + String.join(
                                    "; ",
                                    manifest.publication() == null
                                            ? List.of("no publication decision")
                                            : manifest.publication().reasons())
                            + "); data engineers can read it with --restricted");
                }
                System.err.println("casetrail: note: release " + manifest.releaseId()
                        + " is INTERNAL; use its figures for checking only.");
            }
        }
        String releaseId = releaseDir.getFileName().toString();
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
        try (Terminal terminal = TerminalBuilder.builder()
                .name("casetrail")
                .system(true)
                .dumb(true)
                .build()) {
            new QueryShell(session, terminal, history, resultFormat)
                    .run("casetrail query: release " + releaseId
                            + (restricted ? ", restricted tables included (history not kept)" : ", published tables"));
        }
    }
}
