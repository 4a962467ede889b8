package org.casetrail.warehouse.query;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.catalog.Catalog;

/**
 * A researcher's SQL session over one release, behind {@code casetrail query}: the locked
 * {@link Catalog}, statements run one at a time, and a one-line reason for every refusal.
 */
public final class QuerySession implements AutoCloseable {

    private final Catalog catalog;
    private final Set<String> hiddenTables;

    private QuerySession(Catalog catalog, Set<String> hiddenTables) {
        this.catalog = catalog;
        this.hiddenTables = hiddenTables;
    }

    public static QuerySession open(Path releaseDir, boolean restricted) {
        Catalog catalog = Catalog.open(releaseDir, restricted);
        Set<String> visible = catalog.tables().stream().map(TableSpec::name).collect(Collectors.toSet());
        Set<String> hidden = Tables.ALL.stream()
                .map(TableSpec::name)
                .filter(n -> !visible.contains(n))
                .collect(Collectors.toSet());
        return new QuerySession(catalog, hidden);
    }

    /**
     * Runs one statement and prints its rows, if it has any.
     *
     * @throws WarehouseException with one line of reason when DuckDB refuses or fails the statement
     */
    public void run(String sql, ResultFormat format, PrintStream out) {
        // A fresh statement each time: DuckDB's JDBC driver closes a statement whose query failed.
        try (Statement statement = catalog.connection().createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    format.print(rs, out);
                }
            } else if (format == ResultFormat.TABLE) {
                out.println("(done)");
            }
        } catch (SQLException e) {
            throw new WarehouseException(QueryRefusal.reason(e, hiddenTables), e);
        }
    }

    /** The tables this session sees, in publication order. */
    public List<TableSpec> tables() {
        return catalog.tables();
    }

    @Override
    public void close() {
        catalog.close();
    }
}
