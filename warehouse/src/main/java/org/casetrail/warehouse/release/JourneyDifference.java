package org.casetrail.warehouse.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;

/**
 * How many women's journeys differ between two releases: rows of the restricted case_journeys
 * added, removed or changed. A new public release must differ from the current one in at least
 * k women (PublicationPolicy).
 */
public final class JourneyDifference {

    private JourneyDifference() {}

    public static long womenChanged(Path release, Path earlier) {
        Path now = release.resolve(Tables.CASE_JOURNEYS.folder());
        Path before = earlier.resolve(Tables.CASE_JOURNEYS.folder());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            sql.execute("SET threads = 2");
            String query;
            if (!Files.isDirectory(now) || !Files.isDirectory(before)) {
                // A release with no counted woman has no journey file: every row of the other one differs.
                Path only = Files.isDirectory(now) ? now : before;
                if (!Files.isDirectory(only)) {
                    return 0;
                }
                query = "SELECT count(DISTINCT case_pseudonym) FROM " + parquet(only);
            } else {
                query = "SELECT count(DISTINCT case_pseudonym) FROM ((SELECT * FROM " + parquet(now)
                        + " EXCEPT SELECT * FROM " + parquet(before) + ") UNION ALL (SELECT * FROM " + parquet(before)
                        + " EXCEPT SELECT * FROM " + parquet(now) + "))";
            }
            try (ResultSet rs = sql.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new WarehouseException(
                    "cannot compare the journeys of " + release.getFileName() + " and " + earlier.getFileName() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static String parquet(Path folder) {
        return "read_parquet('" + folder.toAbsolutePath().toString().replace("'", "''") + "/*.parquet')";
    }
}
