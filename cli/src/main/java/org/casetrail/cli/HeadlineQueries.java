package org.casetrail.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's headline figures, as SQL over the published tables: one place for the demo to run
 * them and for the bench to time them. Counts show as text, 'withheld' where the row was.
 */
public final class HeadlineQueries {

    private HeadlineQueries() {}

    /** Title -> SQL, in the order the demo prints them. */
    public static Map<String, String> all() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put(
                "Women identified each year, by responsible centre (cohort_outcomes; ALL = every centre):",
                """
                SELECT identification_year AS year, centre, %s
                FROM cohort_outcomes WHERE age_band = 'ALL' AND exploitation_type = 'ALL'
                ORDER BY year, centre = 'ALL' DESC, centre
                """.formatted(shown(
                        "cases AS identified",
                        "sheltered",
                        "reintegrated",
                        "independent_12m",
                        "pending_12m",
                        "retrafficked_24m")));
        queries.put("Training in the latest year with published figures (training_outcomes):", """
                SELECT enrolment_year AS year, course, %s,
                       coalesce(CAST(round(100 * completion_rate) AS VARCHAR), 'withheld') AS completed_pct
                FROM training_outcomes WHERE enrolment_year = (SELECT max(enrolment_year) FROM training_outcomes WHERE course = 'ALL' AND NOT suppressed)
                ORDER BY course = 'ALL' DESC, cases DESC NULLS LAST, course
                """.formatted(
                        shown("cases AS enrolled", "completed", "working_6m AS working_within_6_months")));
        StringBuilder statuses = new StringBuilder();
        for (String status :
                new String[] {"ALL", "STABLE", "AT_RISK", "RE_TRAFFICKED", "LOST_CONTACT", "NO_FOLLOW_UP", "PENDING"}) {
            // No row means no woman (a true 0 is published as 0); a withheld row is said so.
            statuses.append(", coalesce(max(CASE WHEN status = '")
                    .append(status)
                    .append("' THEN CASE WHEN suppressed THEN 'withheld'")
                    .append(" ELSE CAST(cases AS VARCHAR) END END), '0') AS ")
                    .append(status.equals("ALL") ? "reintegrated" : status.toLowerCase(Locale.ROOT));
        }
        queries.put(
                "Twelve months after reintegration, by year of reintegration (followup_status):",
                "SELECT reintegration_year" + statuses
                        + " FROM followup_status WHERE checkpoint_months = 12 GROUP BY reintegration_year ORDER BY reintegration_year");
        return queries;
    }

    /** Count columns as text, 'withheld' where the row was (a published count is never null). */
    private static String shown(String... columns) {
        List<String> out = new ArrayList<>();
        for (String column : columns) {
            String[] parts = column.split(" AS ");
            String name = parts.length == 2 ? parts[1] : parts[0];
            out.add("coalesce(CAST(" + parts[0] + " AS VARCHAR), 'withheld') AS " + name);
        }
        return String.join(", ", out);
    }
}
