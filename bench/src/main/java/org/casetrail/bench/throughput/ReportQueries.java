package org.casetrail.bench.throughput;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casetrail.cli.HeadlineQueries;
import org.casetrail.warehouse.catalog.Catalog;

/**
 * Latency of the queries people run on a release: the demo's headline figures and, per public
 * table, the rows of one year (what a report's table is made of), each through the warehouse's
 * own {@link Catalog} over the release's Parquet files, as {@code casetrail query} runs them.
 */
final class ReportQueries {

    /** One query's latency over the timed runs, and the rows it returned. */
    record Latency(String query, long rows, double medianMillis, double p95Millis) {}

    private ReportQueries() {}

    /** The queries measured, by name: the two headline ones, then one year of each public table. */
    static Map<String, String> of(int year) {
        Map<String, String> queries = new LinkedHashMap<>();
        HeadlineQueries.all().forEach((title, sql) -> queries.put("headline: " + title.replaceAll(" \\(.*", ""), sql));
        queries.put(
                "cohort_outcomes " + year,
                "SELECT * FROM cohort_outcomes WHERE identification_year = " + year
                        + " ORDER BY centre, age_band, exploitation_type");
        queries.put(
                "training_outcomes " + year,
                "SELECT * FROM training_outcomes WHERE enrolment_year = " + year + " ORDER BY course");
        queries.put(
                "followup_status " + year,
                "SELECT * FROM followup_status WHERE reintegration_year = " + year
                        + " ORDER BY checkpoint_months, status");
        queries.put(
                "shelter_occupancy " + year,
                "SELECT * FROM shelter_occupancy WHERE month LIKE '" + year + "-%' ORDER BY month, centre");
        queries.put(
                "referral_sources " + year,
                "SELECT * FROM referral_sources WHERE identification_year = " + year
                        + " ORDER BY referral_source, exploitation_type, minor");
        queries.put(
                "legal_outcomes " + year,
                "SELECT * FROM legal_outcomes WHERE filed_year = " + year + " ORDER BY charge");
        queries.put("testimonies " + year, "SELECT * FROM testimonies WHERE year = " + year + " ORDER BY changed_name");
        return queries;
    }

    /**
     * Opens the release once per run for the first measurement (what every {@code casetrail query}
     * pays), then times each query over one open session.
     */
    static List<Latency> measure(Path releaseDir, int year, int warmups, int runs) throws SQLException {
        List<Latency> latencies = new ArrayList<>();
        double[] opens = new double[runs];
        for (int i = 0; i < warmups + runs; i++) {
            long started = System.nanoTime();
            try (Catalog catalog = Catalog.open(releaseDir, false)) {
                if (i >= warmups) {
                    opens[i - warmups] = (System.nanoTime() - started) / 1e6;
                }
            }
        }
        latencies.add(latency("open the release (Catalog.open)", 0, opens));
        try (Catalog catalog = Catalog.open(releaseDir, false);
                Statement statement = catalog.connection().createStatement()) {
            for (Map.Entry<String, String> query : of(year).entrySet()) {
                double[] millis = new double[runs];
                long rows = 0;
                for (int i = 0; i < warmups + runs; i++) {
                    long started = System.nanoTime();
                    long n = 0;
                    try (ResultSet rs = statement.executeQuery(query.getValue())) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int c = 1; c <= columns; c++) {
                                rs.getObject(c); // read every value, as a report printing the rows does
                            }
                            n++;
                        }
                    }
                    if (i >= warmups) {
                        millis[i - warmups] = (System.nanoTime() - started) / 1e6;
                    }
                    rows = n;
                }
                latencies.add(latency(query.getKey(), rows, millis));
            }
        }
        return latencies;
    }

    private static Latency latency(String query, long rows, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Latency(query, rows, percentile(sorted, 50), percentile(sorted, 95));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
