package org.casetrail.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    /** Rows a researcher might export: counts, a withheld row, rates, awkward text. */
    private static final String ROWS = """
            SELECT * FROM (VALUES
                (2009, 'POLICE_OPERATION', 137::BIGINT, 0.625::DOUBLE, false, 'Makara* said "thank you", then left'),
                (2010, 'HOTLINE', NULL::BIGINT, NULL::DOUBLE, true, 'two
            lines'),
                (2011, 'OTHER', -3::BIGINT, -0.5::DOUBLE, false, NULL))
            AS t(identification_year, referral_source, cases, completion_rate, suppressed, note)
            ORDER BY identification_year
            """;

    @Test
    void csvParsesBackToTheSameValues() throws Exception {
        List<List<String>> rows = parseCsv(print(ResultFormat.CSV, ROWS));

        assertThat(rows)
                .containsExactly(
                        List.of(
                                "identification_year",
                                "referral_source",
                                "cases",
                                "completion_rate",
                                "suppressed",
                                "note"),
                        List.of(
                                "2009",
                                "POLICE_OPERATION",
                                "137",
                                "0.625",
                                "false",
                                "Makara* said \"thank you\", then left"),
                        List.of("2010", "HOTLINE", "", "", "true", "two\nlines"),
                        List.of("2011", "OTHER", "-3", "-0.5", "false", ""));
    }

    @Test
    void jsonParsesBackToTheSameValues() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(print(ResultFormat.JSON, ROWS));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("identification_year").asInt()).isEqualTo(2009);
        assertThat(rows.get(0).get("cases").asLong()).isEqualTo(137L);
        assertThat(rows.get(0).get("completion_rate").asDouble()).isEqualTo(0.625);
        assertThat(rows.get(0).get("suppressed").asBoolean()).isFalse();
        assertThat(rows.get(0).get("note").asText()).isEqualTo("Makara* said \"thank you\", then left");
        assertThat(rows.get(1).get("cases").isNull()).isTrue();
        assertThat(rows.get(1).get("suppressed").asBoolean()).isTrue();
        assertThat(rows.get(1).get("note").asText()).isEqualTo("two\nlines");
        assertThat(rows.get(2).get("cases").asLong()).isEqualTo(-3L);
        assertThat(rows.get(2).get("completion_rate").asDouble()).isEqualTo(-0.5);
    }

    @Test
    void jsonKeepsAHugeSumExact() throws Exception {
        JsonNode rows = new ObjectMapper()
                .readTree(print(
                        ResultFormat.JSON,
                        "SELECT SUM(x) AS total FROM (VALUES (9007199254740993::BIGINT), (0::BIGINT)) t(x)"));

        assertThat(rows.get(0).get("total").bigIntegerValue()).hasToString("9007199254740993");
    }

    @Test
    void aFormulaLikeTextComesOutNeutralisedAndANegativeNumberDoesNot() throws Exception {
        String csv = print(ResultFormat.CSV, """
                SELECT * FROM (VALUES
                    ('=HYPERLINK("http://example.org","open")', -2::BIGINT),
                    ('+1+1', 1::BIGINT), ('-1+1', 2::BIGINT), ('@SUM(A1)', 3::BIGINT),
                    (chr(9) || '=1', 4::BIGINT), (chr(13) || '=1', 5::BIGINT), ('Makara*', 6::BIGINT))
                AS t(note, n)
                """);

        assertThat(parseCsv(csv))
                .containsExactly(
                        List.of("note", "n"),
                        List.of("'=HYPERLINK(\"http://example.org\",\"open\")", "-2"),
                        List.of("'+1+1", "1"),
                        List.of("'-1+1", "2"),
                        List.of("'@SUM(A1)", "3"),
                        List.of("'\t=1", "4"),
                        List.of("'\r=1", "5"),
                        List.of("Makara*", "6"));
    }

    @Test
    void aFormulaLikeColumnNameIsNeutralisedToo() throws Exception {
        assertThat(parseCsv(print(ResultFormat.CSV, "SELECT 1 AS \"=cmd\"")).get(0))
                .containsExactly("'=cmd");
    }

    @Test
    void neutralisingLeavesOrdinaryTextAlone() {
        assertThat(Csv.neutralised("POLICE_OPERATION")).isEqualTo("POLICE_OPERATION");
        assertThat(Csv.neutralised("")).isEmpty();
        assertThat(Csv.field(-7L)).isEqualTo("-7");
        assertThat(Csv.field("-7")).isEqualTo("'-7");
    }

    static String print(ResultFormat format, String sql) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql);
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            format.print(rs, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An RFC 4180 reader, independent of the writer under test. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows.stream().map(r -> (List<String>) new ArrayList<>(r)).toList();
    }
}
