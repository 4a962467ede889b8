package org.casetrail.warehouse.audit;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.catalog.Catalog;

/**
 * Re-checks a release against the disclosure rules, reading only what was published (the Parquet
 * files, through DuckDB) and written apart from the code that suppressed it, so one bug cannot
 * hide in both. Offending cells are named by their keys, never by their values.
 */
public final class ReleaseAudit {

    private final int k;

    public ReleaseAudit(int k) {
        this.k = k;
    }

    /** The rules a release broke; empty when it passed. */
    public List<String> check(Path releaseDir) {
        List<String> failures = new ArrayList<>();
        try (Catalog catalog = Catalog.open(releaseDir, false); Statement sql = catalog.connection().createStatement()) {
            for (TableSpec table : Tables.SUPPRESSED) {
                primary(sql, table, failures);
                nulled(sql, table, failures);
                rates(sql, table, failures);
            }
        } catch (SQLException e) {
            throw new WarehouseException("cannot audit release " + releaseDir.getFileName() + ": " + e.getMessage(), e);
        }
        return failures;
    }

    /** No published cell describes fewer than k women. */
    private void primary(Statement sql, TableSpec table, List<String> failures) throws SQLException {
        report(sql, table, "NOT suppressed AND cases < " + k, "describes fewer than k=" + k + " women but is published", failures);
    }

    /** A suppressed cell shows no count and no statistic. */
    private void nulled(Statement sql, TableSpec table, List<String> failures) throws SQLException {
        String anyValue = table.columns().stream()
                .filter(c -> c.kind() == Column.Kind.COUNT || c.kind() == Column.Kind.STATISTIC)
                .map(c -> c.name() + " IS NOT NULL").collect(Collectors.joining(" OR "));
        report(sql, table, "suppressed AND (" + anyValue + ")", "is marked suppressed but shows a value", failures);
    }

    /** A rate is published only over a denominator of at least k. */
    private void rates(Statement sql, TableSpec table, List<String> failures) throws SQLException {
        for (Column rate : table.statistics()) {
            if (rate.isMedian()) {
                continue;
            }
            report(sql, table, rate.name() + " IS NOT NULL AND " + rate.denominator() + " < " + k,
                    "publishes " + rate.name() + " over fewer than k=" + k, failures);
        }
    }

    private static void report(Statement sql, TableSpec table, String condition, String problem, List<String> failures)
            throws SQLException {
        String keys = table.keys().stream().map(Column::name).collect(Collectors.joining(", "));
        try (ResultSet rs = sql.executeQuery("SELECT " + keys + " FROM " + table.name() + " WHERE " + condition
                + " ORDER BY " + keys)) {
            while (rs.next()) {
                failures.add(table.name() + " cell (" + describeKey(rs, table) + ") " + problem);
            }
        }
    }

    static String describeKey(ResultSet rs, TableSpec table) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (Column key : table.keys()) {
            parts.add(key.name() + "=" + rs.getObject(key.name()));
        }
        return String.join(", ", parts);
    }

}
