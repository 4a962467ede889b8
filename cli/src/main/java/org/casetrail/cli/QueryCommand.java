package org.casetrail.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.query.ResultFormat;
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

    @Option(names = "--release", description = "A release id instead of the current one.")
    String release;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result to FILE instead of the terminal.")
    Path out;

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
        Path releaseDir = wh.release(Optional.ofNullable(release));
        ReleaseManifest manifest = wh.manifest(releaseDir);
        if (!manifest.publishable()) {
            System.err.println("casetrail: note: release " + manifest.releaseId() + " was made with k=" + manifest.k()
                    + " and is NOT publishable; use its figures for checking only.");
        }
        try (Catalog catalog = Catalog.open(releaseDir, restricted); Statement statement = catalog.connection().createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            if (out == null) {
                resultFormat.print(rs, System.out);
            } else {
                try (PrintStream file = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
                    resultFormat.print(rs, file);
                }
                System.err.println("casetrail: wrote " + out);
            }
        } catch (SQLException e) {
            throw new CliException("query failed: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage());
        }
        return 0;
    }
}
