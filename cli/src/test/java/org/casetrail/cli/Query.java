package org.casetrail.cli;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.casetrail.warehouse.catalog.Catalog;

/** Test reads of a release's tables (public and restricted) as lines of space-separated values. */
final class Query {

    private Query() {}

    static List<String> rows(Path release, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Catalog catalog = Catalog.open(release, true);
                Statement statement = catalog.connection().createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
