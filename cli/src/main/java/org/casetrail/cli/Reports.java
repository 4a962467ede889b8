package org.casetrail.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.LevelLoss;
import org.casetrail.schemas.release.TableSummary;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.query.ResultFormat;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.ReleaseStage;

/** What the commands print about a release, in words a person reads. */
final class Reports {

    private Reports() {}

    static void printRelease(ReleaseStage.Outcome outcome, PrintStream out) {
        ReleaseManifest m = outcome.manifest();
        DisclosureSettings disclosure = m.disclosure();
        out.printf(
                "release %s: %d events read from %s, as of %s (%s periods), k=%d, protection %s%s, consent %s%n",
                m.releaseId(),
                m.source().eventsRead(),
                m.source().topic(),
                m.asOf(),
                m.period() == null ? null : m.period().flag(),
                disclosure.k(),
                disclosure.protection().flag(),
                disclosure.ptableVersion() == null ? "" : " (" + disclosure.ptableVersion() + ")",
                disclosure.consentBasis().flag());
        CaseCounts cases = m.contents().cases();
        out.printf(
                "  cases: %d in the log, %d counted, %d not yet identified, %d without research consent; %d testimonies%n",
                cases.cases(),
                cases.included(),
                cases.notYetIdentified(),
                cases.withoutResearchConsent(),
                cases.testimonies());
        UnfoldedRecords unfolded = m.source().unfolded();
        if (unfolded.total() > 0) {
            // docs/erasure.md, "Tampered and unreadable records"
            out.printf(
                    "  records not folded: %d erasures (%d women erased), %d events without a data key,"
                            + " %d erased women's events read before their erasure, %d tampered%n",
                    unfolded.erasures(),
                    cases.erased(),
                    unfolded.withoutDataKey(),
                    unfolded.erasedEvents(),
                    unfolded.tampered());
        }
        for (Map.Entry<String, TableSummary> t : m.contents().tables().entrySet()) {
            TableSummary s = t.getValue();
            out.printf(
                    "  %-18s %5d rows, %4d withheld%s%n",
                    t.getKey(),
                    s.rows(),
                    s.withheld(),
                    s.suppressedSecondary() == 0
                            ? ""
                            : " (" + s.suppressedPrimary() + " under k, " + s.suppressedSecondary() + " secondary)");
        }
        printInformationLoss(m, out);
        if (!m.audit().passed()) {
            out.println("  AUDIT FAILED; the release was kept in " + outcome.dir() + " but is NOT current:");
            m.audit().failures().forEach(f -> out.println("    " + f));
        }
        out.printf(
                java.util.Locale.ROOT,
                "  took %.1f s, of which the Flink job %.1f s%n",
                outcome.took().toMillis() / 1000.0,
                outcome.jobTime().toMillis() / 1000.0);
        if (outcome.published()) {
            out.println("  audit passed; PUBLIC release, current -> " + m.releaseId());
        } else {
            out.println("  INTERNAL release, kept in " + outcome.dir()
                    + " but not current (query it with --restricted --release " + m.releaseId() + "):");
            m.publication().reasons().forEach(r -> out.println("    - " + r));
        }
    }

    /** Per table and rollup level: the share of women counted in published rows, and how far published counts are from true. */
    static void printInformationLoss(ReleaseManifest m, PrintStream out) {
        Map<String, Map<String, LevelLoss>> loss = m.contents().informationLoss();
        if (loss.isEmpty()) {
            return;
        }
        out.println("  information loss: share of women in published rows; mean and largest |published - true| count");
        loss.forEach((table, levels) -> levels.forEach((level, l) -> out.printf(
                "    %-18s %-62s %6.1f%%  %5.2f  %d%n",
                table, level, 100 * l.womenShare(), l.meanAbsoluteDifference(), l.largestAbsoluteDifference())));
    }

    /** A few figures a reader of the demo can take in at a glance, from the published tables only. */
    static void printHeadline(Path releaseDir, int k, PrintStream out) throws SQLException {
        try (Catalog catalog = Catalog.open(releaseDir, false);
                Statement statement = catalog.connection().createStatement()) {
            boolean first = true;
            for (Map.Entry<String, String> query : HeadlineQueries.all().entrySet()) {
                if (!first) {
                    out.println();
                }
                first = false;
                out.println(query.getKey());
                try (ResultSet rs = statement.executeQuery(query.getValue())) {
                    ResultFormat.TABLE.print(rs, out);
                }
            }
        }
        out.println("'withheld': a row describing fewer than k=" + k + " women is not published. Every published count"
                + " carries a small noise (at most 2), the same wherever the same women are counted, so rows need not add up to"
                + " their ALL row exactly.");
    }
}
