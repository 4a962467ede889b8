package org.casetrail.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;

/**
 * An in-process DuckDB session over one release: a view per table, named as the table. Public
 * tables only unless restricted access is asked for; once the views exist, the session may read
 * no file outside the folders it was given and cannot change that, so a researcher's SQL cannot
 * reach the restricted tables by path either.
 */
public final class Catalog implements AutoCloseable {

    private final Connection connection;
    private final List<TableSpec> tables;

    private Catalog(Connection connection, List<TableSpec> tables) {
        this.connection = connection;
        this.tables = tables;
    }

    public static Catalog open(Path releaseDir, boolean restricted) {
        List<TableSpec> visible = Tables.ALL.stream()
                .filter(t -> restricted || t.visibility() == TableSpec.Visibility.PUBLIC).toList();
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement sql = connection.createStatement()) {
                sql.execute("SET threads = 2");
                for (TableSpec table : visible) {
                    sql.execute("CREATE VIEW " + table.name() + " AS " + source(releaseDir, table));
                }
                List<String> allowed = new ArrayList<>();
                allowed.add(quote(releaseDir.resolve("public").toAbsolutePath() + "/"));
                if (restricted) {
                    allowed.add(quote(releaseDir.resolve("restricted").toAbsolutePath() + "/"));
                }
                sql.execute("SET allowed_directories = [" + String.join(", ", allowed) + "]");
                sql.execute("SET enable_external_access = false");
                sql.execute("SET lock_configuration = true");
            }
            return new Catalog(connection, visible);
        } catch (SQLException e) {
            throw new WarehouseException("cannot open release " + releaseDir.getFileName() + " in DuckDB: " + e.getMessage(), e);
        }
    }

    /** A table's rows: its Parquet files, or an empty relation of the right columns when it has none. */
    private static String source(Path releaseDir, TableSpec table) {
        Path folder = releaseDir.resolve(table.folder());
        if (hasParquet(folder)) {
            return "SELECT * FROM read_parquet(" + quote(folder.toAbsolutePath() + "/*.parquet") + ")";
        }
        return "SELECT " + table.columns().stream()
                .map(c -> "CAST(NULL AS " + sqlType(c) + ") AS " + c.name())
                .collect(Collectors.joining(", ")) + " WHERE false";
    }

    private static boolean hasParquet(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new WarehouseException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    static String sqlType(Column c) {
        return switch (c.type()) {
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case STRING -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
        };
    }

    static String quote(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }

    public Connection connection() {
        return connection;
    }

    public List<TableSpec> tables() {
        return tables;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new WarehouseException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
