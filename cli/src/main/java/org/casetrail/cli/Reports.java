package org.casetrail.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.query.ResultFormat;
import org.casetrail.warehouse.release.ReleaseManifest;

/** What the commands print about a release, in words a person reads. */
final class Reports {

    private Reports() {
    }

    static void printRelease(ReleaseProcess.Outcome outcome, PrintStream out) {
        ReleaseManifest m = outcome.manifest();
        out.printf("release %s: %d events read from %s, as of %s, k=%d%s%n", m.releaseId(), m.eventsRead(), m.topic(),
                m.asOf(), m.k(), m.publishable() ? "" : " (k below 5: NOT PUBLISHABLE, for checking figures only)");
        out.printf("  cases: %d in the log, %d counted, %d not yet identified, %d without research consent; %d testimonies%n",
                m.cases().get("cases"), m.cases().get("cases_included"), m.cases().get("cases_not_yet_identified"),
                m.cases().get("cases_without_research_consent"), m.cases().get("testimonies"));
        for (Map.Entry<String, ReleaseManifest.TableSummary> t : m.tables().entrySet()) {
            out.printf("  %-18s %5d rows, %4d suppressed (%d primary, %d secondary)%n", t.getKey(), t.getValue().rows(),
                    t.getValue().suppressedPrimary() + t.getValue().suppressedSecondary(),
                    t.getValue().suppressedPrimary(), t.getValue().suppressedSecondary());
        }
        if (outcome.published()) {
            out.println("  audit passed; current -> " + m.releaseId());
        } else {
            out.println("  AUDIT FAILED; the release was kept in " + outcome.dir() + " but NOT published:");
            m.audit().failures().forEach(f -> out.println("    " + f));
        }
    }

    /** A few figures a reader of the demo can take in at a glance, from the published tables only. */
    static void printHeadline(Path releaseDir, int k, PrintStream out) throws SQLException {
        String sql = """
                SELECT identification_year AS year,
                       SUM(cases) AS women_identified,
                       SUM(sheltered) AS sheltered,
                       SUM(reintegrated) AS reintegrated,
                       SUM(independent_12m) AS independent_at_12_months,
                       SUM(retrafficked_24m) AS retrafficked_within_24_months,
                       COUNT(*) FILTER (WHERE suppressed) AS suppressed_cells
                FROM cohort_outcomes GROUP BY identification_year ORDER BY identification_year
                """;
        try (Catalog catalog = Catalog.open(releaseDir, false); Statement statement = catalog.connection().createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultFormat.TABLE.print(rs, out);
        }
        out.println("Sums over published cells of cohort_outcomes; cells of fewer than k=" + k
                + " women are suppressed and not in these sums.");
    }
}
