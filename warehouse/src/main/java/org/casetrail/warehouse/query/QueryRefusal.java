package org.casetrail.warehouse.query;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line saying why DuckDB did not run a query, for a researcher at a prompt: what the session
 * forbids and why, or DuckDB's own reason without its wrapper lines and caret diagrams.
 */
public final class QueryRefusal {

    private static final Pattern PERMISSION =
            Pattern.compile("Permission Error: (.*?)(?: - file system operations are disabled by configuration)?$");
    private static final Pattern LOCKED = Pattern.compile("Cannot change configuration option \"([^\"]+)\"");
    private static final Pattern MISSING_TABLE =
            Pattern.compile("Table with name (\\S+) does not exist", Pattern.CASE_INSENSITIVE);

    private QueryRefusal() {}

    /**
     * @param hiddenTables tables of the release this session may not see (the restricted ones in a
     *                     public session), so that asking for one by name gets the real reason
     */
    public static String reason(SQLException e, Collection<String> hiddenTables) {
        List<String> lines = (e.getMessage() == null ? "" : e.getMessage())
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        for (String line : lines) {
            Matcher permission = PERMISSION.matcher(line);
            if (permission.find()) {
                return "refused: this session reads only the tables of its release and may not open, write or attach"
                        + " files, nor load extensions (" + permission.group(1) + ")";
            }
            Matcher locked = LOCKED.matcher(line);
            if (locked.find()) {
                return "refused: the session's settings are locked so that SQL cannot widen what it may read (setting "
                        + locked.group(1) + ")";
            }
            Matcher missing = MISSING_TABLE.matcher(line);
            if (missing.find() && hiddenTables.contains(missing.group(1).toLowerCase(Locale.ROOT))) {
                return "refused: " + missing.group(1)
                        + " is a restricted table; a public session sees only the published"
                        + " tables (data engineers: --restricted)";
            }
        }
        return "query failed: "
                + lines.stream()
                        .filter(
                                l -> !l.startsWith(
                                        "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result"))
                        .filter(l -> !l.startsWith("LINE ") && !l.equals("^"))
                        .map(l -> l.startsWith("Error: ") ? l.substring("Error: ".length()) : l)
                        .findFirst()
                        .orElse("DuckDB gave no reason");
    }
}
