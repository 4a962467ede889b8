package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.CaseIdentifiedDetails;
import org.casetrail.schemas.event.ConsentDetails;
import org.casetrail.schemas.event.FollowUpDetails;
import org.casetrail.schemas.event.LegalCaseDetails;
import org.casetrail.schemas.event.ShelterDetails;
import org.casetrail.schemas.event.TrainingDetails;
import org.casetrail.schemas.event.VoidDetails;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.release.ReleaseStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated case-load of a few thousand women, and a later export correcting some of its
 * records, replayed by the job, compared table by table and cell by cell with the same outcomes
 * computed by plain SQL over the raw events (independent-outcomes.sql, written once for this test).
 */
class IndependentCheckTest {

    @TempDir
    Path dir;

    @Test
    void everyCellOfEveryTableMatchesPlainSqlOverTheEvents() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            IngestedCaseLoad load = IngestedCaseLoad.ingest(broker.bootstrapServers(), dir, 3000, 99);
            Path corrections = dir.resolve("corrections.jsonl");
            assertThat(CorrectedExport.write(load.export(), corrections))
                    .as("the later export has every kind of correction")
                    .containsOnlyKeys(
                            "course corrected",
                            "date moved later",
                            "follow-up status corrected",
                            "voided record restored")
                    .allSatisfy((kind, records) -> assertThat(records).isGreaterThan(5));
            assertThat(IngestCommand.ingest(
                                    broker.bootstrapServers(), load.key(), "case-events", 3, List.of(corrections))
                            .rejectedByReason())
                    .isEmpty();

            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement sql = duck.createStatement()) {
                loadEvents(broker.bootstrapServers(), duck);
                String script = new String(
                        getClass()
                                .getResourceAsStream("independent-outcomes.sql")
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
                for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        sql.execute(statement);
                    }
                }
                LocalDate asOf;
                try (ResultSet rs = sql.executeQuery("SELECT as_of FROM params")) {
                    rs.next();
                    asOf = rs.getObject(1, LocalDate.class);
                }
                // The latest event date is seldom a period end: an internal release, which is all this check needs.
                ReleaseStage.Outcome release = (LogReplay.defaults(
                                        broker.bootstrapServers(), "case-events", dir.resolve("w"), 10)
                                .withAsOf(asOf))
                        .release();
                assertThat(release.manifest().asOf()).isEqualTo(asOf.toString());
                assertThat(release.auditPassed())
                        .as("%s", release.manifest().audit())
                        .isTrue();
                List<String> differences = new ArrayList<>();
                for (TableSpec table : Tables.SUPPRESSED) {
                    // The rows the SQL computes are the finest level; rollup rows are the same women regrouped.
                    String job =
                            "(SELECT * FROM read_parquet('" + release.dir() + "/restricted/unsuppressed_" + table.name()
                                    + "/*.parquet') WHERE "
                                    + table.dimensions().stream()
                                            .map(d -> d.name() + " <> 'ALL'")
                                            .collect(Collectors.joining(" AND "))
                                    + ")";
                    String columns = table.unsuppressed().columns().stream()
                            .filter(c -> c.kind() != Column.Kind.VALUE)
                            .map(c -> c.kind() == Column.Kind.STATISTIC
                                    ? "round(" + c.name() + ", 6) AS " + c.name()
                                    : c.name())
                            .collect(Collectors.joining(", "));
                    for (String[] pair : new String[][] {{job, "sql_" + table.name()}, {"sql_" + table.name(), job}}) {
                        try (ResultSet rs = sql.executeQuery("SELECT " + columns + " FROM " + pair[0]
                                + " EXCEPT SELECT " + columns + " FROM " + pair[1] + " LIMIT 5")) {
                            while (rs.next()) {
                                differences.add(table.name() + ": only in "
                                        + (pair[0].startsWith("sql_") ? "SQL" : "job") + ": " + row(rs));
                            }
                        }
                    }
                    try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM sql_" + table.name())) {
                        rs.next();
                        assertThat(rs.getLong(1))
                                .as(table.name() + " has cells")
                                .isPositive();
                    }
                }
                assertThat(differences).isEmpty();
                assertThat(rollupsDisagreeingWithTheirRows(sql, release.dir())).isEmpty();
            }
        }
    }

    /**
     * The rollup rows against the finest rows (those checked above): a count of things (court
     * cases, admissions) and, where a woman is in one finest row per period (cohort_outcomes,
     * referral_sources, followup_status per checkpoint), every count, equals the sum of the rows
     * it rolls up; any other count of women lies between their largest and their sum.
     */
    private static List<String> rollupsDisagreeingWithTheirRows(Statement sql, Path release) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (TableSpec table : Tables.SUPPRESSED) {
            boolean oneRowPerWoman = table == Tables.COHORT_OUTCOMES
                    || table == Tables.REFERRAL_SOURCES
                    || table == Tables.FOLLOWUP_STATUS;
            String rows = "read_parquet('" + release + "/restricted/unsuppressed_" + table.name() + "/*.parquet')";
            String finest = table.dimensions().stream()
                    .map(d -> "b." + d.name() + " <> 'ALL'")
                    .collect(Collectors.joining(" AND "));
            String rollup = table.dimensions().stream()
                    .map(d -> "r." + d.name() + " = 'ALL'")
                    .collect(Collectors.joining(" OR "));
            String match = table.keys().stream()
                    .map(k -> k.rollup()
                            ? "(r." + k.name() + " = 'ALL' OR b." + k.name() + " = r." + k.name() + ")"
                            : "b." + k.name() + " = r." + k.name())
                    .collect(Collectors.joining(" AND "));
            for (Column count : table.counts()) {
                String test = !count.ofWomen() || oneRowPerWoman
                        ? "r." + count.name() + " <> sum(b." + count.name() + ")"
                        : "r." + count.name() + " > sum(b." + count.name() + ") OR r." + count.name() + " < max(b."
                                + count.name() + ")";
                String keys = table.keys().stream().map(k -> "r." + k.name()).collect(Collectors.joining(", "));
                try (ResultSet rs = sql.executeQuery("SELECT " + keys + " FROM " + rows + " r JOIN " + rows + " b ON "
                        + match + " AND " + finest + " WHERE " + rollup + " GROUP BY " + keys + ", r." + count.name()
                        + " HAVING " + test + " LIMIT 3")) {
                    while (rs.next()) {
                        wrong.add(table.name() + "." + count.name() + ": " + row(rs));
                    }
                }
            }
        }
        return wrong;
    }

    private static String row(ResultSet rs) throws Exception {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            cells.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getObject(i));
        }
        return String.join(" ", cells);
    }

    private static final String COLUMNS =
            "log_offset BIGINT, event_id VARCHAR, case_pseudonym VARCHAR, type VARCHAR, occurred_on DATE, recorded_at BIGINT,"
                    + " centre VARCHAR, age_band VARCHAR, minor BOOLEAN, referral_source VARCHAR, exploitation_type VARCHAR,"
                    + " research_use BOOLEAN, story_use BOOLEAN, shelter_centre VARCHAR, course VARCHAR, status VARCHAR, livelihood VARCHAR,"
                    + " income_band VARCHAR, legal_ref VARCHAR, charge VARCHAR, outcome VARCHAR, compensation BOOLEAN, voided_event_id VARCHAR";

    /** Every record of the topic with its offset, decoded and flattened into raw_events (through a CSV file: fast to load). */
    private void loadEvents(String bootstrap, Connection duck) throws Exception {
        Path csv = dir.resolve("events.csv");
        List<LogContents.Logged> events = LogContents.events(bootstrap, "case-events");
        // The corrections' ingest sealed each woman's new events under the key her first events have.
        Map<String, Set<String>> recordKeys = LogContents.recordKeysByCase(events);
        assertThat(recordKeys)
                .as("record keys by case")
                .isNotEmpty()
                .allSatisfy((pseudonym, keys) -> assertThat(keys).hasSize(1));
        assertThat(recordKeys.values().stream().flatMap(Set::stream).distinct().count())
                .as("distinct record keys")
                .isEqualTo(recordKeys.size());
        try (var out = java.nio.file.Files.newBufferedWriter(csv)) {
            for (LogContents.Logged logged : events) {
                CaseEvent e = logged.event();
                Object d = e.getDetails();
                List<Object> row = new ArrayList<>();
                row.add(logged.offset());
                row.add(e.getEventId());
                row.add(e.getCasePseudonym());
                row.add(e.getType());
                row.add(e.getOccurredOn());
                row.add(e.getRecordedAt() == null ? null : e.getRecordedAt().toEpochMilli());
                row.add(e.getCentre());
                row.add(e.getSubject() == null ? null : e.getSubject().getAgeBand());
                row.add(e.getSubject() == null ? null : e.getSubject().getMinor());
                row.add(d instanceof CaseIdentifiedDetails c ? c.getReferralSource() : null);
                row.add(d instanceof CaseIdentifiedDetails c ? c.getExploitationType() : null);
                row.add(d instanceof ConsentDetails c ? c.getResearchUse() : null);
                row.add(d instanceof ConsentDetails c ? c.getStoryUse() : null);
                row.add(d instanceof ShelterDetails s ? (s.getCentre() != null ? s.getCentre() : e.getCentre()) : null);
                row.add(d instanceof TrainingDetails t ? t.getCourse() : null);
                row.add(d instanceof FollowUpDetails f ? f.getStatus() : null);
                row.add(d instanceof FollowUpDetails f ? f.getLivelihood() : null);
                row.add(d instanceof FollowUpDetails f ? f.getIncomeBand() : null);
                row.add(d instanceof LegalCaseDetails l ? l.getLegalCaseRef() : null);
                row.add(d instanceof LegalCaseDetails l ? l.getCharge() : null);
                row.add(d instanceof LegalCaseDetails l ? l.getOutcome() : null);
                row.add(d instanceof LegalCaseDetails l ? l.getCompensationAwarded() : null);
                row.add(d instanceof VoidDetails v ? v.getVoidedEventId() : null);
                out.write(row.stream().map(v -> v == null ? "" : v.toString()).collect(Collectors.joining(",")));
                out.newLine();
            }
        }
        try (Statement sql = duck.createStatement()) {
            sql.execute("CREATE TABLE raw_events AS SELECT * FROM read_csv('" + csv
                    + "', header = false, nullstr = '', columns = {"
                    + java.util.Arrays.stream(COLUMNS.split(","))
                            .map(String::strip)
                            .map(c -> "'" + c.substring(0, c.indexOf(' ')) + "': '" + c.substring(c.indexOf(' ') + 1)
                                    + "'")
                            .collect(Collectors.joining(", "))
                    + "})");
        }
    }
}
