package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectReason;
import org.casetrail.schemas.event.RejectedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casetrail mapping check} and {@code casetrail ingest --mapping} on a Kobo-style CSV export
 * (semicolons, every cell quoted, a byte-order mark): what the check prints, what ingest writes,
 * and that a mapping that does not fit stops both with one line and nothing written. One broker for
 * the class.
 */
class MappingCommandsTest {

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static final String MAPPING = """
            mapping_version: 1
            source: kobo-test
            inputs:
              - name: cases
                file: "cases*.csv"
                delimiter: ";"
                case_id: [First name, Last name, {column: Birth date, date_format: dd/MM/yyyy}]
                person:
                  given_name: First name
                  family_name: Last name
                  date_of_birth: {column: Birth date, date_format: dd/MM/yyyy}
                  phone: Phone
                  nationality: {column: Citizenship, values: {KH: Cambodia, VN: Viet Nam}}
                events:
                  - type: CASE_IDENTIFIED
                    occurred_at: {column: Referral date, fallback_column: _submission_time}
                    centre: {constant: MAIN}
                    details:
                      referral_source: {constant: OUTREACH}
                      exploitation_type:
                        column: Type of exploitation
                        values: {SEXUAL: Sexual exploitation, LABOUR: [Forced labour, Debt bondage]}
                  - type: SHELTER_ADMITTED
                    when: Admitted
                    occurred_at: {column: Admitted, date_format: dd/MM/yyyy}
                    centre: {constant: MAIN}
            """;

    static final List<String> IDENTITIES = List.of(
            "sreyneang",
            "qachan",
            "xolida",
            "zeuthy",
            "17 555 0101",
            "17 555 0202",
            "17 555 0303",
            "atlantis",
            "12/05/1990",
            "1990-05-12");

    /** Three women: one complete, one with an unmapped label, one whose nationality is no country. */
    static Path export(String name) throws Exception {
        Path file = dir.resolve(name);
        String text = "\uFEFF"
                + String.join(
                        "\r\n",
                        "\"First name\";\"Last name\";\"Birth date\";\"Phone\";\"Citizenship\";\"Referral date\";"
                                + "\"Type of exploitation\";\"Admitted\";\"Notes\";\"_submission_time\"",
                        "\"Sreyneang\";\"Qachan\";\"12/05/1990\";\"017 555 0101\";\"Cambodia\";\"2024-01-30\";"
                                + "\"Debt bondage \";\"02/02/2024\";\"met at the market\";\"2024-02-01T09:41:19\"",
                        "\"Xolida\";\"Qachan\";\"01/01/1995\";\"017 555 0202\";\"Viet Nam\";\"\";"
                                + "\"Organ removal\";\"\";\"\";\"2024-02-03T10:00:00\"",
                        "\"Zeuthy\";\"Qachan\";\"03/03/1993\";\"017 555 0303\";\"Atlantis\";\"2024-02-04\";"
                                + "\"Forced labour\";\"\";\"\";\"2024-02-04T10:00:00\"")
                + "\r\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    record Output(int status, String out, String err) {}

    static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Casetrail.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mappingCheckSaysWhatEachColumnBecomesAndPrintsNoIdentity() throws Exception {
        Path mapping = dir.resolve("kobo.yaml");
        Files.writeString(mapping, MAPPING);
        Output check = run(
                "mapping",
                "check",
                "--mapping",
                mapping.toString(),
                export("cases-check.csv").toString());

        assertThat(check.status()).as(check.err()).isZero();
        assertThat(check.out().lines().toList())
                .containsSubsequence(
                        "input cases: cases-check.csv (header row 1, data from row 2), 3 rows",
                        "  First name            case_id (identity); person.given_name",
                        "  Citizenship           person.nationality (value map)",
                        "  Referral date         case_identified: occurred_at",
                        "  Type of exploitation  case_identified: details.exploitation_type (value map)",
                        "  Notes                 not read",
                        "  _submission_time      case_identified: occurred_at (fallback)",
                        "events: CASE_IDENTIFIED 1, SHELTER_ADMITTED 1",
                        "rejects: 2",
                        "  cases Type of exploitation: \"Organ removal\" 1",
                        "read 4, accepted 2, rejected 2 (nothing written)");
        String printed = (check.out() + check.err()).toLowerCase(Locale.ROOT);
        for (String identity : IDENTITIES) {
            assertThat(printed).as("identity %s", identity).doesNotContain(identity);
        }
    }

    @Test
    void aMappingThatDoesNotFitIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path key = dir.resolve("fit.key");
        PseudonymKey.create(key);
        Path unknownKey = dir.resolve("typo.yaml");
        Files.writeString(unknownKey, MAPPING.replace("    delimiter: \";\"", "    delimitr: \";\""));
        Output typo = run(
                "mapping",
                "check",
                "--mapping",
                unknownKey.toString(),
                export("cases-typo.csv").toString());
        assertThat(typo.status()).isEqualTo(Casetrail.USAGE);
        assertThat(typo.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("casetrail: typo.yaml:6: unknown key 'delimitr' in input 'cases'; known keys: name, file,");

        Path missingColumn = dir.resolve("missing.yaml");
        Files.writeString(missingColumn, MAPPING.replace("Referral date", "Date of referral"));
        Output ingest = run(
                "ingest",
                "--bootstrap-server",
                broker.bootstrapServers(),
                "--key-file",
                key.toString(),
                "--topic",
                "never-written",
                "--mapping",
                missingColumn.toString(),
                export("cases-missing.csv").toString());
        assertThat(ingest.status()).isEqualTo(Casetrail.USAGE);
        assertThat(ingest.err())
                .isEqualTo("casetrail: missing.yaml:16: column 'Date of referral' of input 'cases' is not in the header"
                        + " of cases-missing.csv (header row 1)\n");
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain("never-written", "never-written-rejected");
        }
    }

    @Test
    void ingestWithAMappingWritesPseudonymizedEventsAndRejectsNamingColumns() throws Exception {
        Path key = dir.resolve("ingest.key");
        PseudonymKey.create(key);
        Path mapping = dir.resolve("kobo-ingest.yaml");
        Files.writeString(mapping, MAPPING);
        Output ingest = run(
                "ingest",
                "--bootstrap-server",
                broker.bootstrapServers(),
                "--key-file",
                key.toString(),
                "--topic",
                "mapped-events",
                "--partitions",
                "1",
                "--mapping",
                mapping.toString(),
                export("cases-ingest.csv").toString());

        assertThat(ingest.status()).as(ingest.err()).isZero();
        assertThat(ingest.out()).isEqualTo("read 4, accepted 2, rejected 2 (BAD_ENUM_VALUE 2)\n");
        List<LogContents.Entry> events = LogContents.entries(broker.bootstrapServers(), "mapped-events");
        List<CaseEvent> decoded = LogContents.events(broker.bootstrapServers(), "mapped-events").stream()
                .map(LogContents.Logged::event)
                .toList();
        assertThat(decoded)
                .extracting(e -> e.getType().name(), e -> e.getOccurredOn().toString(), CaseEvent::getCentre)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CASE_IDENTIFIED", "2024-01-30", "MAIN"),
                        org.assertj.core.groups.Tuple.tuple("SHELTER_ADMITTED", "2024-02-02", "MAIN"));
        assertThat(decoded.get(0).getCasePseudonym()).isEqualTo(decoded.get(1).getCasePseudonym());
        List<LogContents.Entry> rejectEntries = LogContents.rejectEntries(broker.bootstrapServers(), "mapped-events");
        List<RejectedRecord> rejects = LogContents.rejects(broker.bootstrapServers(), "mapped-events");
        assertThat(rejects)
                .extracting(RejectedRecord::getReason, RejectedRecord::getField, RejectedRecord::getLineNumber)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RejectReason.BAD_ENUM_VALUE, "Type of exploitation", 3L),
                        org.assertj.core.groups.Tuple.tuple(RejectReason.BAD_ENUM_VALUE, "Citizenship", 4L));
        LogContents.assertKeyedByRecordKeys(broker.bootstrapServers(), "mapped-events");
        // Searched as stored and as opened: sealing hides nothing that ingest let through.
        List<LogContents.Entry> records = new ArrayList<>(events);
        records.addAll(rejectEntries);
        assertThat(records).hasSize(4);
        for (LogContents.Entry record : records) {
            assertThat(record.opened().readable())
                    .as("the record at %d@%d opens", record.partition(), record.offset())
                    .isTrue();
            String text = (record.rawText() + "\n" + new String(record.opened().content(), StandardCharsets.UTF_8))
                    .toLowerCase(Locale.ROOT);
            for (String identity : IDENTITIES) {
                assertThat(text.contains(identity))
                        .as("identity %s in the record at %d@%d", identity, record.partition(), record.offset())
                        .isFalse();
            }
        }
    }
}
