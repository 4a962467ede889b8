package org.casetrail.warehouse.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.casetrail.schemas.release.Protection;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.release.ReleaseManifest;

/**
 * The figures of one year's report for advocacy staff, read from the public tables of a release.
 * Every figure is one published cell, taken at the right rollup level (a year total is the row
 * whose other keys are 'ALL'; a chart of referral sources takes the rows of each source with the
 * other keys 'ALL'): the report never adds published rows up, because rows at different levels
 * count the same women twice, and each published count carries its own small noise.
 */
public record AnnualReport(
        int year, Release release, Map<String, Figure> headline, List<Chart> charts, List<Testimony> testimonies) {

    /** What the report says about the release it was read from; any field may be missing (null). */
    public record Release(
            String id, String asOf, Integer k, String protection, String ptableVersion, String publication) {

        static Release from(ReleaseManifest manifest) {
            return new Release(
                    manifest.releaseId(),
                    manifest.asOf() == null ? null : manifest.asOf().toString(),
                    manifest.disclosure().k(),
                    manifest.disclosure().protection().flag(),
                    manifest.disclosure().ptableVersion(),
                    manifest.publication() == null
                            ? null
                            : manifest.publication().status().flag());
        }

        private Optional<Protection> method() {
            return protection == null ? Optional.empty() : Optional.of(Protection.ofFlag(protection));
        }

        /** Whether the release publishes the year's totals (the ALL rows the headline figures read). */
        public boolean publishesTotals() {
            return method().map(Protection::publishesRollups).orElse(false);
        }

        /** Whether its counts carry a small deliberate noise, which the report explains. */
        public boolean noisy() {
            return method().map(Protection::usesCellKeys).orElse(false);
        }
    }

    public record Testimony(String changedName, int year, String centre, String text) {}

    /** Headline keys, in the order the report says them. */
    public static final String IDENTIFIED = "identified",
            SHELTERED = "sheltered",
            MEDIAN_SHELTER_DAYS = "median_shelter_days",
            TRAINING_ENROLLED = "training_enrolled",
            TRAINING_COMPLETED = "training_completed",
            REINTEGRATED = "reintegrated",
            ENROLMENTS = "enrolments",
            COMPLETION_RATE = "completion_rate",
            LEGAL_CASES = "legal_cases",
            CONVICTIONS = "convictions",
            IDENTIFIED_LAST_YEAR = "identified_last_year",
            INDEPENDENT_12M = "independent_12m";

    static final List<String> STATUSES =
            List.of("STABLE", "AT_RISK", "RE_TRAFFICKED", "LOST_CONTACT", "NO_FOLLOW_UP", "PENDING");
    static final List<String> VERDICTS =
            List.of("convictions", "acquittals", "dismissed", "withdrawn", "settled", "pending");
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** Reads the report of {@code year}, or of the latest year of identification in the release. */
    public static AnnualReport read(Catalog catalog, ReleaseManifest manifest, OptionalInt year) {
        Connection db = catalog.connection();
        try {
            int y = year.isPresent() ? year.getAsInt() : latestYear(db, manifest);
            Map<String, Figure> headline = new LinkedHashMap<>();
            Map<String, Figure> cohort = row(
                    db,
                    "SELECT * FROM cohort_outcomes WHERE identification_year = ? AND centre = 'ALL'"
                            + " AND age_band = 'ALL' AND exploitation_type = 'ALL'",
                    y);
            headline.put(IDENTIFIED, cohort.getOrDefault("cases", Figure.absent()));
            for (String c :
                    List.of(SHELTERED, MEDIAN_SHELTER_DAYS, TRAINING_ENROLLED, TRAINING_COMPLETED, REINTEGRATED)) {
                headline.put(c, cohort.getOrDefault(c, Figure.absent()));
            }
            Map<String, Figure> training =
                    row(db, "SELECT * FROM training_outcomes WHERE enrolment_year = ? AND course = 'ALL'", y);
            headline.put(ENROLMENTS, training.getOrDefault("cases", Figure.absent()));
            headline.put(COMPLETION_RATE, training.getOrDefault("completion_rate", Figure.absent()));
            Map<String, Figure> legal =
                    row(db, "SELECT * FROM legal_outcomes WHERE filed_year = ? AND charge = 'ALL'", y);
            headline.put(LEGAL_CASES, legal.getOrDefault("legal_cases", Figure.absent()));
            headline.put(CONVICTIONS, legal.getOrDefault("convictions", Figure.absent()));
            Map<String, Figure> earlier = row(
                    db,
                    "SELECT * FROM cohort_outcomes WHERE identification_year = ? AND centre = 'ALL'"
                            + " AND age_band = 'ALL' AND exploitation_type = 'ALL'",
                    y - 1);
            headline.put(IDENTIFIED_LAST_YEAR, earlier.getOrDefault("cases", Figure.absent()));
            headline.put(INDEPENDENT_12M, earlier.getOrDefault("independent_12m", Figure.absent()));

            List<Chart> charts = List.of(
                    referrals(db, y), shelter(db, y), trainingByCourse(db, y), followUp(db, y), verdicts(db, y, legal));
            return new AnnualReport(y, Release.from(manifest), headline, charts, testimonies(db, y));
        } catch (SQLException e) {
            throw new WarehouseException(
                    "cannot read the report's figures from the release: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    private static int latestYear(Connection db, ReleaseManifest manifest) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement("SELECT max(identification_year) FROM cohort_outcomes");
                ResultSet rs = sql.executeQuery()) {
            rs.next();
            int year = rs.getInt(1);
            if (!rs.wasNull()) {
                return year;
            }
        }
        if (manifest.asOf() != null) {
            return manifest.asOf().getYear();
        }
        throw new WarehouseException("the release has no cohort_outcomes rows and no as_of; name the year with --year");
    }

    private static Chart referrals(Connection db, int y) throws SQLException {
        List<String> labels = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        // minor as text: table schema version 1 had it BOOLEAN (and no ALL rows), and the report
        // should then show an empty chart rather than fail.
        for (Map<String, Object> r : rows(
                db,
                "SELECT referral_source, cases FROM referral_sources WHERE identification_year = ?"
                        + " AND referral_source <> 'ALL' AND exploitation_type = 'ALL' AND CAST(minor AS VARCHAR) = 'ALL'"
                        + " ORDER BY cases DESC NULLS LAST, referral_source",
                y)) {
            labels.add(words((String) r.get("referral_source")));
            figures.add(Figure.of((Number) r.get("cases")));
        }
        return new Chart(
                "Women identified in " + y + ", by who referred them",
                "Each bar is the number of women a source referred; a woman has one referral source.",
                "referral_sources",
                labels,
                List.of(new Chart.Series("women identified", figures)));
    }

    private static Chart shelter(Connection db, int y) throws SQLException {
        Map<String, Map<String, Figure>> byCentre = new LinkedHashMap<>();
        LinkedHashSet<String> months = new LinkedHashSet<>();
        for (Map<String, Object> r : rows(
                db,
                "SELECT month, centre, residents_at_month_end FROM shelter_occupancy"
                        + " WHERE month LIKE ? AND centre <> 'ALL' ORDER BY month, centre",
                y + "-%")) {
            String month = (String) r.get("month");
            months.add(month);
            byCentre.computeIfAbsent((String) r.get("centre"), c -> new LinkedHashMap<>())
                    .put(month, Figure.of((Number) r.get("residents_at_month_end")));
        }
        List<String> sortedMonths = months.stream().sorted().toList();
        List<Chart.Series> series = byCentre.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Chart.Series(
                        e.getKey(),
                        sortedMonths.stream()
                                .map(m -> e.getValue().getOrDefault(m, Figure.absent()))
                                .toList()))
                .toList();
        return new Chart(
                "Women living in each shelter at the end of each month of " + y,
                "One bar per centre in each month.",
                "shelter_occupancy",
                sortedMonths.stream().map(AnnualReport::monthName).toList(),
                series);
    }

    private static Chart trainingByCourse(Connection db, int y) throws SQLException {
        List<String> labels = new ArrayList<>();
        List<Figure> enrolled = new ArrayList<>();
        List<Figure> completed = new ArrayList<>();
        for (Map<String, Object> r : rows(
                db,
                "SELECT course, cases, completed FROM training_outcomes WHERE enrolment_year = ?"
                        + " AND course <> 'ALL' ORDER BY course",
                y)) {
            labels.add(words((String) r.get("course")));
            enrolled.add(Figure.of((Number) r.get("cases")));
            completed.add(Figure.of((Number) r.get("completed")));
        }
        return new Chart(
                "Training begun in " + y + ": enrolled and completed, by course",
                "Enrolments in the year and how many of them were completed by the release date.",
                "training_outcomes",
                labels,
                List.of(new Chart.Series("enrolled", enrolled), new Chart.Series("completed", completed)));
    }

    /**
     * The 12-month checkpoint of the latest reintegration year before {@code year} that has one
     * (windows end 9 to 15 months after reintegration, so the report's own year is mostly pending).
     */
    private static Chart followUp(Connection db, int year) throws SQLException {
        int reintegrationYear = year - 1;
        for (Map<String, Object> r : rows(
                db,
                "SELECT max(reintegration_year) AS y FROM followup_status WHERE reintegration_year < ?"
                        + " AND checkpoint_months = 12 AND status NOT IN ('ALL', 'PENDING')",
                year)) {
            if (r.get("y") != null) {
                reintegrationYear = ((Number) r.get("y")).intValue();
            }
        }
        Map<String, Figure> byStatus = new LinkedHashMap<>();
        Figure total = Figure.absent();
        for (Map<String, Object> r : rows(
                db,
                "SELECT status, cases FROM followup_status WHERE reintegration_year = ?"
                        + " AND checkpoint_months = 12",
                reintegrationYear)) {
            if ("ALL".equals(r.get("status"))) {
                total = Figure.of((Number) r.get("cases"));
            } else {
                byStatus.put((String) r.get("status"), Figure.of((Number) r.get("cases")));
            }
        }
        List<String> statuses = STATUSES.stream().filter(byStatus::containsKey).toList();
        String women = total.published()
                ? "Of the " + total.text() + " women reintegrated in " + reintegrationYear + ": status"
                : "Status";
        return new Chart(
                "Twelve months after reintegration: women reintegrated in " + reintegrationYear,
                women
                        + " at the follow-up 9 to 15 months after she went home (days 270-450). Pending: that window had not"
                        + " ended by the release date.",
                "followup_status",
                statuses.stream().map(AnnualReport::words).toList(),
                List.of(new Chart.Series(
                        "women", statuses.stream().map(byStatus::get).toList())));
    }

    private static Chart verdicts(Connection db, int y, Map<String, Figure> total) {
        List<String> present = total.isEmpty() ? List.of() : VERDICTS;
        return new Chart(
                "Court cases filed in " + y + " against traffickers, by latest verdict",
                "Settled: closed by a monetary settlement. Pending: no verdict by the release date.",
                "legal_outcomes",
                present.stream().map(AnnualReport::words).toList(),
                List.of(new Chart.Series(
                        "court cases", present.stream().map(total::get).toList())));
    }

    private static List<Testimony> testimonies(Connection db, int y) throws SQLException {
        List<Testimony> out = new ArrayList<>();
        for (Map<String, Object> r : rows(
                db,
                "SELECT changed_name, year, centre, text FROM testimonies WHERE year = ?"
                        + " ORDER BY changed_name, text",
                y)) {
            out.add(new Testimony(
                    (String) r.get("changed_name"),
                    ((Number) r.get("year")).intValue(),
                    (String) r.get("centre"),
                    (String) r.get("text")));
        }
        return out;
    }

    /** The one row a query finds, each column a figure; empty when there is no such row. */
    private static Map<String, Figure> row(Connection db, String sql, Object parameter) throws SQLException {
        List<Map<String, Object>> rows = rows(db, sql, parameter);
        Map<String, Figure> figures = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return figures;
        }
        Map<String, Object> row = rows.get(0);
        boolean suppressed = Boolean.TRUE.equals(row.get("suppressed"));
        row.forEach((column, value) -> {
            if (value instanceof Number || value == null) {
                figures.put(column, suppressed ? Figure.withheld() : Figure.of((Number) value));
            }
        });
        return figures;
    }

    private static List<Map<String, Object>> rows(Connection db, String sql, Object parameter) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** POLICE_OPERATION as "Police operation", for readers who do not know the vocabulary's spelling. */
    static String words(String code) {
        if (code == null || code.isEmpty()) {
            return "Unknown";
        }
        String lower = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return (Character.toUpperCase(lower.charAt(0)) + lower.substring(1)).replace("Ngo ", "NGO ");
    }

    private static String monthName(String yearMonth) {
        int m = Integer.parseInt(yearMonth.substring(5, 7));
        return m >= 1 && m <= 12 ? MONTHS[m - 1] : yearMonth;
    }
}
