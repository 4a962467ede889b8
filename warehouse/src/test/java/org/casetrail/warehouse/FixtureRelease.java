package org.casetrail.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A small release in the version-2 layout (rollup rows with 'ALL', withheld rows with every
 * count null), written with DuckDB the way the replay writes it: {@code current ->
 * releases/<id>/} with {@code public/<table>/part-0.parquet}, {@code restricted/} and a manifest.
 * The figures are chosen so that a test can name them: 137 women identified in 2024, 52 of them
 * referred by a police operation, the HOTLINE row withheld.
 */
public final class FixtureRelease {

    public static final String RELEASE_ID = "20250101T000000Z";

    private static final String COHORT = """
            SELECT * FROM (VALUES
              (2024, 'ALL', 'ALL', 'ALL', 137, 118, 185.0, 96, 71, 64, 240.0, 20, 12, 6, 38, 2, false),
              (2024, 'TOM_DY', 'ALL', 'ALL', 80, 70, 180.0, 60, 45, 40, 235.0, 12, 8, 4, 24, NULL, false),
              (2024, 'KAMPONG_CHAM', 'ALL', 'ALL', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
              (2024, 'TOM_DY', '18-24', 'SEXUAL', 31, 28, 190.0, 22, 15, 14, NULL, 5, 3, 1, 9, 0, false),
              (2023, 'ALL', 'ALL', 'ALL', 120, 101, 175.0, 80, 62, 70, 230.0, 44, 30, 10, 0, 3, false))
            AS t(identification_year, centre, age_band, exploitation_type, cases, sheltered, median_shelter_days,
                 training_enrolled, training_completed, reintegrated, median_days_to_reintegration, followed_up_12m,
                 independent_12m, lost_contact_12m, pending_12m, retrafficked_24m, suppressed)
            """;

    private static final String TRAINING = """
            SELECT * FROM (VALUES
              (2024, 'ALL', 96, 71, 20, 0.7396, 60.0, 30, false),
              (2024, 'KHMER_LITERACY', 41, 30, 9, 0.7317, 90.0, 8, false),
              (2024, 'SEWING', 30, 24, 5, 0.8, 55.0, 14, false),
              (2024, 'WEAVING', NULL, NULL, NULL, NULL, NULL, NULL, true),
              (2023, 'SEWING', 28, 20, 6, 0.7143, 60.0, 11, false))
            AS t(enrolment_year, course, cases, completed, dropped, completion_rate, median_course_days, working_6m, suppressed)
            """;

    private static final String FOLLOWUP = """
            SELECT * FROM (VALUES
              (2023, 12, 'ALL', 70, false),
              (2023, 12, 'STABLE', 25, false),
              (2023, 12, 'AT_RISK', 11, false),
              (2023, 12, 'RE_TRAFFICKED', NULL, true),
              (2023, 12, 'LOST_CONTACT', 10, false),
              (2023, 12, 'NO_FOLLOW_UP', NULL, true),
              (2023, 12, 'PENDING', 14, false),
              (2023, 6, 'STABLE', 40, false))
            AS t(reintegration_year, checkpoint_months, status, cases, suppressed)
            """;

    /** Two centres and their total for every month of 2024; March at SIEM_REAP withheld. */
    private static final String SHELTER = """
            SELECT printf('2024-%02d', m) AS month, c.centre,
                   CASE WHEN m = 3 AND c.centre = 'SIEM_REAP' THEN NULL ELSE (c.base + m)::BIGINT END AS cases,
                   CASE WHEN m = 3 AND c.centre = 'SIEM_REAP' THEN NULL ELSE (c.base / 4 + m % 3)::BIGINT END AS admissions,
                   CASE WHEN m = 3 AND c.centre = 'SIEM_REAP' THEN NULL ELSE (c.base / 5 + m % 2)::BIGINT END AS exits,
                   CASE WHEN m = 3 AND c.centre = 'SIEM_REAP' THEN NULL ELSE (c.base - 3 + m)::BIGINT END AS residents_at_month_end,
                   (m = 3 AND c.centre = 'SIEM_REAP') AS suppressed
            FROM range(1, 13) r(m), (VALUES ('TOM_DY', 60), ('SIEM_REAP', 20), ('ALL', 80)) c(centre, base)
            """;

    private static final String REFERRAL = """
            SELECT * FROM (VALUES
              (2024, 'ALL', 'ALL', 'ALL', 137, false),
              (2024, 'POLICE_OPERATION', 'ALL', 'ALL', 52, false),
              (2024, 'OUTREACH', 'ALL', 'ALL', 31, false),
              (2024, 'HOTLINE', 'ALL', 'ALL', NULL, true),
              (2024, 'SELF_REFERRAL', 'ALL', 'ALL', 12, false),
              (2024, 'NGO_REFERRAL', 'ALL', 'ALL', 29, false),
              (2024, 'POLICE_OPERATION', 'SEXUAL', 'ALL', 45, false),
              (2024, 'NGO_REFERRAL', 'ALL', 'MINOR', 11, false),
              (2023, 'POLICE_OPERATION', 'ALL', 'ALL', 48, false))
            AS t(identification_year, referral_source, exploitation_type, minor, cases, suppressed)
            """;

    private static final String LEGAL = """
            SELECT * FROM (VALUES
              (2024, 'ALL', 40, 33, 14, 3, 2, 1, 4, 9, 420.0, 6, false),
              (2024, 'TRAFFICKING', 25, 21, 9, 2, 1, 0, 3, 6, 415.0, 5, false),
              (2024, 'RAPE', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true))
            AS t(filed_year, charge, cases, legal_cases, convictions, acquittals, dismissed, withdrawn, settled, pending,
                 median_days_to_verdict, compensation_awarded, suppressed)
            """;

    private static final String TESTIMONIES = """
            SELECT * FROM (VALUES
              ('Makara*', 2024, 'TOM_DY', 'I learned to sew, and now I have my own shop & two apprentices. <script>alert(1)</script>'),
              ('Sophea*', 2023, 'SIEM_REAP', 'My family welcomed me home.'))
            AS t(changed_name, year, centre, text)
            """;

    private static final Map<String, String> PUBLIC = Map.of(
            "cohort_outcomes",
            COHORT,
            "training_outcomes",
            TRAINING,
            "followup_status",
            FOLLOWUP,
            "shelter_occupancy",
            SHELTER,
            "referral_sources",
            REFERRAL,
            "legal_outcomes",
            LEGAL,
            "testimonies",
            TESTIMONIES);

    private FixtureRelease() {}

    /** Writes the warehouse under {@code root} and returns the release folder. */
    public static Path write(Path root) throws IOException, SQLException {
        Path release = root.resolve("releases").resolve(RELEASE_ID);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (Map.Entry<String, String> table : PUBLIC.entrySet()) {
                copy(s, typed(s, table.getValue()), release.resolve("public").resolve(table.getKey()));
            }
            copy(
                    s,
                    "SELECT * EXCLUDE (suppressed) REPLACE (coalesce(cases, 7) AS cases) FROM (" + typed(s, COHORT)
                            + ")",
                    release.resolve("restricted").resolve("unsuppressed_cohort_outcomes"));
            copy(
                    s,
                    "SELECT 'pseudonym-of-one-woman' AS case_pseudonym, DATE '2024-02-03' AS identified_on",
                    release.resolve("restricted").resolve("case_journeys"));
        }
        Files.writeString(release.resolve("manifest.json"), """
                {"release_id": "%s", "as_of": "2024-12-31", "k": 10, "protection": "perturbation",
                 "ptable_version": "ptable-v1", "period": "year", "publication": {"status": "public", "reasons": []}}
                """.formatted(RELEASE_ID));
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases", RELEASE_ID));
        return release;
    }

    private static final java.util.Set<String> INTEGER_KEYS = java.util.Set.of(
            "identification_year", "enrolment_year", "reintegration_year", "checkpoint_months", "filed_year", "year");

    /** Counts as BIGINT, years as INTEGER and statistics as DOUBLE, as the replay writes them. */
    private static String typed(Statement s, String sql) throws SQLException {
        s.execute("CREATE OR REPLACE TEMP TABLE fixture AS " + sql);
        java.util.List<String> columns = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = s.executeQuery(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'fixture' ORDER BY ordinal_position")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String type = rs.getString(2);
                String target = INTEGER_KEYS.contains(name)
                        ? "INTEGER"
                        : type.startsWith("DECIMAL") || type.equals("DOUBLE")
                                ? "DOUBLE"
                                : type.equals("INTEGER") || type.equals("BIGINT") ? "BIGINT" : type;
                columns.add("CAST(\"" + name + "\" AS " + target + ") AS \"" + name + "\"");
            }
        }
        return "SELECT " + String.join(", ", columns) + " FROM (" + sql + ")";
    }

    private static void copy(Statement s, String select, Path folder) throws IOException, SQLException {
        Files.createDirectories(folder);
        s.execute("COPY (" + select + ") TO '" + folder.resolve("part-0.parquet") + "' (FORMAT parquet)");
    }
}
