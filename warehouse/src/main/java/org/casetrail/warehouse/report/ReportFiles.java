package org.casetrail.warehouse.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.query.ResultFormat;
import org.casetrail.warehouse.release.ManifestCodec;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;

/**
 * Writes a year's report from the public tables of a release: {@code report.html} and, beside it,
 * {@code report-<table>.csv} for every public table (through the CSV writer that neutralises
 * spreadsheet formulas). Reads the public tables only, whatever the caller may see.
 */
public final class ReportFiles {

    /** What was written. */
    public record Written(Path html, List<Path> csv, int year) {}

    private ReportFiles() {}

    public static Written write(Path releaseDir, Path html, OptionalInt year) {
        ReleaseManifest manifest = manifest(releaseDir);
        String name = html.getFileName().toString();
        String stem = name.endsWith(".html") ? name.substring(0, name.length() - 5) : name;
        Path folder = html.toAbsolutePath().getParent();
        try (Catalog catalog = Catalog.open(releaseDir, false)) {
            AnnualReport report = AnnualReport.read(catalog, manifest, year);
            Files.createDirectories(folder);
            List<Path> csv = new ArrayList<>();
            for (TableSpec table : catalog.tables()) {
                Path file = folder.resolve(stem + "-" + table.name() + ".csv");
                writeCsv(catalog, table, file);
                csv.add(file);
            }
            Files.writeString(
                    html,
                    ReportHtml.render(
                            report,
                            csv.stream().map(p -> p.getFileName().toString()).toList()),
                    StandardCharsets.UTF_8);
            return new Written(html, csv, report.year());
        } catch (IOException e) {
            throw new WarehouseException("cannot write the report to " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void writeCsv(Catalog catalog, TableSpec table, Path file) throws IOException {
        String keys = table.keys().isEmpty()
                ? "ALL"
                : String.join(", ", table.keys().stream().map(c -> c.name()).toList());
        try (Statement sql = catalog.connection().createStatement();
                ResultSet rs = sql.executeQuery("SELECT * FROM " + table.name() + " ORDER BY " + keys);
                PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            ResultFormat.CSV.print(rs, out);
        } catch (SQLException e) {
            throw new WarehouseException(
                    "cannot read table " + table.name() + " for its CSV: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /** The release's manifest, whichever layout it was written in. */
    public static ReleaseManifest manifest(Path releaseDir) {
        try {
            return ManifestCodec.read(releaseDir.resolve(Warehouse.MANIFEST));
        } catch (IOException | IllegalArgumentException e) {
            throw new WarehouseException(
                    "cannot read the manifest of release " + releaseDir.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
