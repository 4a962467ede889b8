package org.casetrail.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.casetrail.warehouse.FixtureRelease;
import org.casetrail.warehouse.catalog.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnualReportTest {

    @TempDir
    Path root;

    Path release;
    AnnualReport report;

    @BeforeEach
    void readReport() throws Exception {
        release = FixtureRelease.write(root);
        try (Catalog catalog = Catalog.open(release, false)) {
            report = AnnualReport.read(catalog, ReportFiles.manifest(release), OptionalInt.empty());
        }
    }

    @Test
    void theYearIsTheLatestYearOfIdentificationAndTheReleaseIsDescribed() {
        assertThat(report.year()).isEqualTo(2024);
        assertThat(report.release())
                .isEqualTo(new AnnualReport.Release(
                        FixtureRelease.RELEASE_ID, "2024-12-31", 10, "perturbation", "ptable-v1", "public"));
    }

    @Test
    void headlineFiguresAreTheYearTotalRows() throws Exception {
        assertThat(report.headline().get(AnnualReport.IDENTIFIED))
                .isEqualTo(Figure.of(published("SELECT cases FROM cohort_outcomes WHERE identification_year = 2024"
                        + " AND centre = 'ALL' AND age_band = 'ALL' AND exploitation_type = 'ALL'")));
        assertThat(report.headline().get(AnnualReport.IDENTIFIED).value()).isEqualTo(137L);
        assertThat(report.headline().get(AnnualReport.SHELTERED).value()).isEqualTo(118L);
        assertThat(report.headline().get(AnnualReport.MEDIAN_SHELTER_DAYS).value())
                .isEqualTo(185.0);
        assertThat(report.headline().get(AnnualReport.REINTEGRATED).value()).isEqualTo(64L);
        assertThat(report.headline().get(AnnualReport.ENROLMENTS).value()).isEqualTo(96L);
        assertThat(report.headline().get(AnnualReport.COMPLETION_RATE).percentText())
                .isEqualTo("74%");
        assertThat(report.headline().get(AnnualReport.LEGAL_CASES).value()).isEqualTo(33L);
        assertThat(report.headline().get(AnnualReport.CONVICTIONS).value()).isEqualTo(14L);
        assertThat(report.headline().get(AnnualReport.IDENTIFIED_LAST_YEAR).value())
                .isEqualTo(120L);
        assertThat(report.headline().get(AnnualReport.INDEPENDENT_12M).value()).isEqualTo(30L);
    }

    @Test
    void everyChartBarIsThePublishedCellOfItsRowNeverASum() throws Exception {
        Chart referrals = chart("referral_sources");
        assertThat(referrals.categories())
                .containsExactly("Police operation", "Outreach", "NGO referral", "Self referral", "Hotline");
        assertThat(texts(referrals.series().get(0))).containsExactly("52", "31", "29", "12", "withheld");
        assertThat(values(referrals.series().get(0)))
                .containsExactlyElementsOf(
                        publishedColumn(
                                "SELECT cases FROM referral_sources WHERE identification_year = 2024 AND referral_source <> 'ALL'"
                                        + " AND exploitation_type = 'ALL' AND minor = 'ALL' ORDER BY cases DESC NULLS LAST, referral_source"));

        Chart shelter = chart("shelter_occupancy");
        assertThat(shelter.categories()).hasSize(12).startsWith("Jan", "Feb", "Mar");
        assertThat(shelter.series()).extracting(Chart.Series::name).containsExactly("SIEM_REAP", "TOM_DY");
        assertThat(values(shelter.series().get(0)))
                .containsExactlyElementsOf(
                        publishedColumn(
                                "SELECT residents_at_month_end FROM shelter_occupancy WHERE centre = 'SIEM_REAP' AND month LIKE '2024-%' ORDER BY month"));
        assertThat(shelter.series().get(0).figures().get(2)).isEqualTo(Figure.withheld());
        assertThat(shelter.series().get(1).figures().get(2).value()).isEqualTo(60L);

        Chart training = chart("training_outcomes");
        assertThat(training.categories()).containsExactly("Khmer literacy", "Sewing", "Weaving");
        assertThat(texts(training.series().get(0))).containsExactly("41", "30", "withheld");
        assertThat(texts(training.series().get(1))).containsExactly("30", "24", "withheld");

        Chart followUp = chart("followup_status");
        assertThat(followUp.categories())
                .containsExactly("Stable", "At risk", "Re trafficked", "Lost contact", "No follow up", "Pending");
        assertThat(texts(followUp.series().get(0))).containsExactly("25", "11", "withheld", "10", "withheld", "14");
        assertThat(followUp.title()).endsWith("women reintegrated in 2023");
        assertThat(followUp.caption()).startsWith("Of the 70 women reintegrated in 2023: status at the follow-up");

        Chart legal = chart("legal_outcomes");
        assertThat(texts(legal.series().get(0))).containsExactly("14", "3", "2", "1", "4", "9");
    }

    @Test
    void onlyTheYearsConsentedTestimoniesAreShown() {
        assertThat(report.testimonies())
                .extracting(AnnualReport.Testimony::changedName)
                .containsExactly("Makara*");
    }

    @Test
    void theHtmlShowsTheNumbersWithheldCellsAsWithheldAndEscapesEveryValue() throws Exception {
        Path html = root.resolve("out/report.html");
        ReportFiles.Written written = ReportFiles.write(release, html, OptionalInt.empty());
        String page = Files.readString(html);

        assertThat(page).contains("Women identified in 2024: <strong>137</strong>");
        assertThat(page).contains("<tr><td>Police operation</td><td>52</td></tr>");
        assertThat(page).contains("<tr><td>Hotline</td><td class=\"withheld\">withheld</td></tr>");
        assertThat(page).doesNotContain("<td>Hotline</td><td>0</td>");
        assertThat(page).contains("<tr><td>Mar</td><td class=\"withheld\">withheld</td><td>60</td></tr>");
        assertThat(page).contains(">withheld<title>Hotline, women identified: withheld</title></text>");
        assertThat(page)
                .contains("Figures as of 2024-12-31")
                .contains("at most 2 more or 2 fewer")
                .contains("6 figures in this report are withheld.");
        assertThat(page)
                .contains("now I have my own shop &amp; two apprentices. &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page)
                .doesNotContain("<script")
                .doesNotContain("http:")
                .doesNotContain("https:")
                .doesNotContain("src=")
                .doesNotContain("url(")
                .doesNotContain("@import");
        assertThat(written.csv())
                .extracting(p -> p.getFileName().toString())
                .contains("report-referral_sources.csv", "report-testimonies.csv");
        assertThat(written.csv())
                .hasSize(7)
                .allSatisfy(p -> assertThat(page).contains("href=\"" + p.getFileName() + "\""));
        assertThat(Files.readAllLines(root.resolve("out/report-referral_sources.csv")))
                .contains("2024,HOTLINE,ALL,ALL,,true", "2024,POLICE_OPERATION,ALL,ALL,52,false");
    }

    @Test
    void aYearWithoutFiguresSaysSoInsteadOfShowingZeros() throws Exception {
        Path html = root.resolve("report.html");
        ReportFiles.write(release, html, OptionalInt.of(2019));
        String page = Files.readString(html);

        assertThat(page).contains("Women identified in 2019: <span class=\"withheld\">none recorded</span>");
        assertThat(page).contains("This release has no figures for this chart.");
        assertThat(page).doesNotContain("<strong>0</strong>");
    }

    private Chart chart(String source) {
        return report.charts().stream()
                .filter(c -> c.source().equals(source))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> texts(Chart.Series series) {
        return series.figures().stream().map(Figure::text).toList();
    }

    private static List<Object> values(Chart.Series series) {
        return series.figures().stream().map(f -> (Object) f.value()).toList();
    }

    /** Read straight from the Parquet files, not through the catalog under test. */
    private Number published(String sql) throws Exception {
        return (Number) publishedColumn(sql).get(0);
    }

    private List<Object> publishedColumn(String sql) throws Exception {
        List<Object> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (String table : List.of("cohort_outcomes", "referral_sources", "shelter_occupancy")) {
                s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('"
                        + release.resolve("public/" + table) + "/*.parquet')");
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    values.add(rs.getObject(1));
                }
            }
        }
        return values;
    }
}
