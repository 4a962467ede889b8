package org.casetrail.warehouse.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.catalog.Catalog;

/**
 * Audits a release on disk: reads each published table and its restricted exact copy through
 * DuckDB, pairs the rows by key, and applies the rules of the release's protection
 * method ({@link ProtectionAudit#of}); and checks that no
 * other user can read its restricted data or the warehouse's keys.
 */
public final class ReleaseAudit {

    private final ProtectionAudit rules;

    public ReleaseAudit(DisclosureSettings disclosure) {
        this.rules = ProtectionAudit.of(disclosure);
    }

    /** The rules a release broke; empty when it passed. */
    public List<String> check(Path releaseDir) {
        return check(releaseDir, Optional.empty());
    }

    /**
     * @param previousPublic the current public release, against which a new one must be consistent
     */
    public List<String> check(Path releaseDir, Optional<Path> previousPublic) {
        List<String> failures = new ArrayList<>(OwnerOnly.check(releaseDir));
        List<AuditedCell> cells = cells(releaseDir, failures);
        failures.addAll(rules.check(
                cells,
                () -> previousPublic
                        .filter(dir -> Files.isDirectory(dir.resolve("restricted")))
                        .map(dir -> cells(dir, new ArrayList<>()))
                        .orElse(List.of())));
        return failures;
    }

    private static List<AuditedCell> cells(Path releaseDir, List<String> failures) {
        List<AuditedCell> cells = new ArrayList<>();
        try (Catalog catalog = Catalog.open(releaseDir, true);
                Statement sql = catalog.connection().createStatement()) {
            for (TableSpec table : Tables.SUPPRESSED) {
                Map<List<String>, Map<String, Object>> published = rows(sql, table, table);
                Map<List<String>, Map<String, Object>> truth = rows(sql, table, table.unsuppressed());
                for (Map.Entry<List<String>, Map<String, Object>> row : published.entrySet()) {
                    Map<String, Object> exact = truth.get(row.getKey());
                    Map<String, String> key = key(table, row.getValue());
                    if (exact == null) {
                        failures.add(new AuditedCell(table, key, true, Map.of(), Map.of()).describe()
                                + " is published but not among the release's own cells");
                        continue;
                    }
                    Map<String, Long> trueCounts = new LinkedHashMap<>();
                    Map<String, Integer> cellKeys = new LinkedHashMap<>();
                    for (Column c : table.counts()) {
                        trueCounts.put(c.name(), ((Number) exact.get(c.name())).longValue());
                        Object cellKey = exact.get(TableSpec.cellKeyColumn(c));
                        if (cellKey != null) {
                            cellKeys.put(c.name(), ((Number) cellKey).intValue());
                        }
                    }
                    cells.add(new AuditedCell(
                            table,
                            key,
                            Boolean.TRUE.equals(row.getValue().get("suppressed")),
                            row.getValue(),
                            trueCounts,
                            cellKeys));
                }
                for (List<String> missing : truth.keySet()) {
                    if (!published.containsKey(missing)) {
                        failures.add(new AuditedCell(table, key(table, truth.get(missing)), true, Map.of(), Map.of())
                                        .describe()
                                + " is missing from the published table");
                    }
                }
            }
        } catch (SQLException e) {
            throw new WarehouseException("cannot audit release " + releaseDir.getFileName() + ": " + e.getMessage(), e);
        }
        return cells;
    }

    private static Map<List<String>, Map<String, Object>> rows(Statement sql, TableSpec spec, TableSpec view)
            throws SQLException {
        Map<List<String>, Map<String, Object>> rows = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT * FROM " + view.name())) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Column c : view.columns()) {
                    Object value = rs.getObject(c.name());
                    row.put(
                            c.name(),
                            value instanceof Number n && c.type() == Column.Type.LONG ? (Object) n.longValue() : value);
                }
                rows.put(new ArrayList<>(key(spec, row).values()), row);
            }
        }
        return rows;
    }

    private static Map<String, String> key(TableSpec spec, Map<String, Object> row) {
        Map<String, String> key = new LinkedHashMap<>();
        for (Column c : spec.keys()) {
            Object value = row.get(c.name());
            key.put(c.name(), value == null ? null : value.toString());
        }
        return key;
    }
}
