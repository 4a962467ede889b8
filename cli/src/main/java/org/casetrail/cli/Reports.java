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
        String training = """
                SELECT course, SUM(cases) AS enrolled, SUM(completed) AS completed, SUM(dropped) AS dropped,
                       round(100.0 * SUM(completed) / SUM(cases)) AS completed_pct, SUM(working_6m) AS working_within_6_months
                FROM training_outcomes WHERE NOT suppressed GROUP BY course ORDER BY enrolled DESC
                """;
        String followUp = """
                SELECT reintegration_year,
                       SUM(cases) FILTER (WHERE status = 'STABLE') AS stable,
                       SUM(cases) FILTER (WHERE status = 'AT_RISK') AS at_risk,
                       SUM(cases) FILTER (WHERE status = 'RE_TRAFFICKED') AS re_trafficked,
                       SUM(cases) FILTER (WHERE status IN ('LOST_CONTACT', 'NO_FOLLOW_UP')) AS contact_lost,
                       SUM(cases) FILTER (WHERE status = 'PENDING') AS pending,
                       COUNT(*) FILTER (WHERE suppressed) AS suppressed_cells
                FROM followup_status WHERE checkpoint_months = 12 GROUP BY reintegration_year ORDER BY reintegration_year
                """;
        try (Catalog catalog = Catalog.open(releaseDir, false); Statement statement = catalog.connection().createStatement()) {
            out.println("Training, all years (training_outcomes):");
            try (ResultSet rs = statement.executeQuery(training)) {
                ResultFormat.TABLE.print(rs, out);
            }
            out.println();
            out.println("Twelve months after reintegration, by year of reintegration (followup_status):");
            try (ResultSet rs = statement.executeQuery(followUp)) {
                ResultFormat.TABLE.print(rs, out);
            }
        }
        out.println("Sums over published cells only: cells describing fewer than k=" + k
                + " women, and cells that would let someone subtract their way to one, are suppressed.");
    }
}
