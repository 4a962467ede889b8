package org.casetrail.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;

/**
 * An in-process DuckDB session over one release: a table per table of the release, named as it,
 * its rows loaded into memory. Public tables only unless restricted access is asked for; once
 * they are loaded the session may read or write no file at all and cannot change that
 * (external access off, no allowed directories, configuration locked), so a researcher's SQL
 * can neither reach the restricted tables by path nor change a release.
 */
public final class Catalog implements AutoCloseable {

    private final Connection connection;
    private final List<TableSpec> tables;

    private Catalog(Connection connection, List<TableSpec> tables) {
        this.connection = connection;
        this.tables = tables;
    }

    /**
     * Loads DuckDB's native library on a background thread, so that a command which opens a
     * catalog only at its end (a replay's audit) does not wait for it then: it takes about a
     * second. Harmless if nothing opens a catalog after all.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(
                () -> {
                    try (Connection ignored = DriverManager.getConnection("jdbc:duckdb:")) {
                        // Loaded: nothing else to do.
                    } catch (SQLException | RuntimeException e) {
                        // The catalog itself reports any real problem when it opens.
                    }
                },
                "duckdb warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public static Catalog open(Path releaseDir, boolean restricted) {
        List<TableSpec> visible = Tables.ALL.stream()
                .filter(t -> restricted || t.visibility() == TableSpec.Visibility.PUBLIC)
                .toList();
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement sql = connection.createStatement()) {
                sql.execute("SET threads = 2");
                // Tables, not views: their rows are copied into this in-memory session, so once it
                // is locked below it needs no file at all. With views over the Parquet files the
                // release's folders had to stay allowed, and DuckDB allows writing where it allows
                // reading: COPY ... TO could then overwrite a published file.
                for (TableSpec table : visible) {
                    sql.execute("CREATE TABLE " + table.name() + " AS " + source(releaseDir, table));
                }
                sql.execute("SET allowed_directories = []");
                sql.execute("SET enable_external_access = false");
                sql.execute("SET lock_configuration = true");
            }
            return new Catalog(connection, visible);
        } catch (SQLException e) {
            throw new WarehouseException(
                    "cannot open release " + releaseDir.getFileName() + " in DuckDB: " + e.getMessage(), e);
        }
    }

    /** A table's rows: its Parquet files, or an empty relation of the right columns when it has none. */
    private static String source(Path releaseDir, TableSpec table) {
        Path folder = releaseDir.resolve(table.folder());
        if (hasParquet(folder)) {
            return "SELECT * FROM read_parquet(" + quote(folder.toAbsolutePath() + "/*.parquet") + ")";
        }
        return "SELECT "
                + table.columns().stream()
                        .map(c -> "CAST(NULL AS " + sqlType(c) + ") AS " + c.name())
                        .collect(Collectors.joining(", "))
                + " WHERE false";
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
