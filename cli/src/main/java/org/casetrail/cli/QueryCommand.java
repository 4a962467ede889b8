package org.casetrail.cli;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.query.ResultFormat;
import org.casetrail.warehouse.release.LiveSnapshots;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL (DuckDB) over the tables of the current release; public tables only unless --restricted.")
final class QueryCommand implements Callable<Integer> {

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--restricted", description = "Also see restricted tables (case_journeys).")
    boolean restricted;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--release", description = "A release id instead of the current one (an internal release needs --restricted).")
    String release;

    @Option(names = "--live", description = "Read the newest live snapshot of a streaming run instead of a release (needs --restricted).")
    boolean live;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT * FROM referral_sources\".")
    String sql;

    @Override
    public Integer call() {
        ResultFormat resultFormat;
        try {
            resultFormat = ResultFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--format must be table, csv or json");
        }
        Warehouse wh = new Warehouse(warehouse);
        Path releaseDir;
        if (live) {
            if (!restricted || release != null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--live reads the newest live snapshot of a streaming run, which is restricted: add --restricted (and no --release)");
            }
            releaseDir = LiveSnapshots.newest(wh).orElseThrow(() -> new CliException(
                    "there is no live snapshot in " + wh.live() + "; run casetrail stream first"));
            System.err.println("casetrail: note: reading the live snapshot " + releaseDir + " (restricted; not a public release)");
        } else {
            releaseDir = wh.release(Optional.ofNullable(release));
            ReleaseManifest manifest = wh.manifest(releaseDir);
            if (!manifest.isPublic()) {
                if (!restricted) {
                    throw new CliException("release " + manifest.releaseId() + " is internal, not public ("
                            + String.join("; ", manifest.publication() == null ? List.of("no publication decision")
                                    : manifest.publication().reasons()) + "); data engineers can read it with --restricted");
                }
                System.err.println("casetrail: note: release " + manifest.releaseId() + " is INTERNAL; use its figures for checking only.");
            }
        }
        try (Catalog catalog = Catalog.open(releaseDir, restricted); Statement statement = catalog.connection().createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            resultFormat.print(rs, System.out);
        } catch (SQLException e) {
            throw new CliException("query failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return 0;
    }
}
