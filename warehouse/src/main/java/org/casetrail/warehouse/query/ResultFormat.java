package org.casetrail.warehouse.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** How query results are printed: an aligned table for people, CSV or JSON for programs. */
public enum ResultFormat {
    TABLE,
    CSV,
    JSON;

    private static final int MAX_TABLE_ROWS = 10_000;

    public void print(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            names.add(meta.getColumnLabel(i));
        }
        switch (this) {
            case CSV -> {
                out.println(Csv.line(names));
                while (rs.next()) {
                    List<Object> cells = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        cells.add(rs.getObject(i));
                    }
                    out.println(Csv.line(cells));
                }
            }
            case JSON -> printJson(rs, names, out);
            case TABLE -> printTable(rs, names, out);
        }
    }

    private static void printJson(ResultSet rs, List<String> names, PrintStream out) throws SQLException {
        try {
            JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            while (rs.next()) {
                json.writeStartObject();
                for (int i = 1; i <= names.size(); i++) {
                    Object v = rs.getObject(i);
                    json.writeFieldName(names.get(i - 1));
                    if (v == null) {
                        json.writeNull();
                    } else if (v instanceof Boolean b) {
                        json.writeBoolean(b);
                    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                        json.writeNumber(((Number) v).longValue());
                    } else if (v instanceof java.math.BigInteger big) {
                        // SUM over BIGINT is a HUGEINT in DuckDB: keep it exact.
                        json.writeNumber(big);
                    } else if (v instanceof java.math.BigDecimal decimal) {
                        json.writeNumber(decimal);
                    } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                        json.writeNumber(n.doubleValue());
                    } else {
                        json.writeString(v.toString());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.flush();
            out.println();
        } catch (java.io.IOException e) {
            throw new SQLException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void printTable(ResultSet rs, List<String> names, PrintStream out) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        int[] widths = names.stream().mapToInt(String::length).toArray();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == MAX_TABLE_ROWS) {
                truncated = true;
                break;
            }
            String[] row = new String[names.size()];
            for (int i = 0; i < row.length; i++) {
                Object v = rs.getObject(i + 1);
                row[i] = v == null ? "NULL" : v instanceof Double d ? String.format("%.3f", d) : v.toString();
                widths[i] = Math.max(widths[i], row[i].length());
            }
            rows.add(row);
        }
        out.println(line(names.toArray(String[]::new), widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
        out.println("(" + rows.size()
                + (truncated ? "+ rows; use --format csv for all" : rows.size() == 1 ? " row" : " rows") + ")");
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", cells[i]));
        }
        return line.toString().stripTrailing();
    }
}
