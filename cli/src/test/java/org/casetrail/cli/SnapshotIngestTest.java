package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.warehouse.release.ReleaseStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casetrail ingest --snapshot} against a real broker (one for the class, a topic per test):
 * a mapped export ingested month after month as the whole state of its source appends only its
 * difference, and the log it makes replays as the last export alone would.
 */
class SnapshotIngestTest {

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    static Path key;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        key = dir.resolve("snapshot.key");
        PseudonymKey.create(key);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** One row per case, as the HTCDS template keeps them; a closure has no date column of its own. */
    static final String MAPPING = """
            mapping_version: 1
            source: ngo-cases
            inputs:
              - name: cases
                file: "cases*.csv"
                case_id: [Case number]
                person:
                  given_name: First name
                  date_of_birth: Birth date
                events:
                  - type: CASE_IDENTIFIED
                    occurred_at: Referral date
                    centre: {constant: MAIN}
                    details:
                      referral_source: {column: Referred by, values: {POLICE_OPERATION: Police, OUTREACH: Outreach, HOTLINE: Hotline}}
                      exploitation_type: {column: Exploitation, values: {SEXUAL: Sexual exploitation, LABOUR: Forced labour}}
                  - type: SHELTER_ADMITTED
                    when: Admitted
                    occurred_at: Admitted
                    centre: {constant: MAIN}
                  - type: CASE_CLOSED
                    when: {column: Status, in: [Closed]}
                    occurred_at: {constant: snapshot_date}
                    details:
                      reason: {constant: GOALS_MET}
            """;

    static final String HEADER =
            "Case number,First name,Birth date,Referral date,Referred by,Exploitation,Admitted,Status,Notes";

    /** A row of the export; the notes are never read. */
    record Case(String number, String referredBy, String exploitation, String admitted, String status) {

        String line() {
            return String.join(
                    ",",
                    number,
                    "Sreyneang" + number.substring(2),
                    "1990-05-" + number.substring(2),
                    "2024-01-" + number.substring(2),
                    referredBy,
                    exploitation,
                    admitted,
                    status,
                    "met at the market");
        }

        Case with(String referredBy, String exploitation, String admitted) {
            return new Case(number, referredBy, exploitation, admitted, status);
        }

        Case closed() {
            return new Case(number, referredBy, exploitation, admitted, "Closed");
        }
    }

    /** Fifteen women identified in January 2024, the odd ones sheltered in February. */
    static List<Case> january() {
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            String number = String.format("C-%02d", i);
            cases.add(new Case(
                    number,
                    i % 3 == 0 ? "Outreach" : "Police",
                    i % 4 == 0 ? "Forced labour" : "Sexual exploitation",
                    i % 2 == 1 ? "2024-02-" + String.format("%02d", i) : "",
                    "Open"));
        }
        return cases;
    }

    static Path export(String name, List<Case> cases) throws Exception {
        Path file = dir.resolve(name);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        cases.forEach(c -> lines.add(c.line()));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    static Path mapping() throws Exception {
        Path file = dir.resolve("cases.yaml");
        Files.writeString(file, MAPPING);
        return file;
    }

    static CliRun snapshot(String topic, Path export, String day) throws Exception {
        return CliRun.of(
                "ingest",
                "--bootstrap-server",
                broker.bootstrapServers(),
                "--key-file",
                key.toString(),
                "--topic",
                topic,
                "--mapping",
                mapping().toString(),
                "--snapshot",
                "--snapshot-date",
                day,
                export.toString());
    }

    /** The line of new, changed, unchanged and voided records. */
    static String difference(CliRun run) {
        assertThat(run.status()).as(run.err()).isZero();
        return run.out()
                .lines()
                .filter(l -> l.startsWith("snapshot: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.out()));
    }

    @Test
    void aLaterSnapshotAppendsExactlyItsDifferenceAndReplaysAsItWouldAlone() throws Exception {
        List<Case> january = january();
        CliRun first = snapshot("monthly", export("cases-january.csv", january), "2024-01-31");
        assertThat(difference(first)).isEqualTo("snapshot: new 23, changed 0, unchanged 0, voided 0");
        assertThat(first.out())
                .contains("snapshot of ngo-cases on 2024-01-31: 0 events of monthly read")
                .endsWith("read 23, accepted 23, rejected 0\n");
        List<Logged> januaryLog = logged("monthly");
        assertThat(januaryLog).hasSize(23);

        // February's export: rows in another order, C-03 (sheltered) and C-08 deleted, C-05's shelter
        // admission taken back, two labels corrected, two women added (one sheltered).
        List<Case> february = new ArrayList<>(january);
        february.set(1, january.get(1).with("Police", "Forced labour", ""));
        february.set(5, january.get(5).with("Hotline", "Sexual exploitation", ""));
        february.set(4, january.get(4).with("Police", "Sexual exploitation", ""));
        february.remove(7);
        february.remove(2);
        february.add(new Case("C-16", "Hotline", "Sexual exploitation", "2024-02-20", "Open"));
        february.add(new Case("C-17", "Outreach", "Forced labour", "", "Open"));
        Collections.reverse(february);
        Path februaryExport = export("cases-february.csv", february);

        CliRun second = snapshot("monthly", februaryExport, "2024-02-29");
        assertThat(difference(second)).isEqualTo("snapshot: new 3, changed 2, unchanged 17, voided 4");
        assertThat(second.out())
                .contains("snapshot of ngo-cases on 2024-02-29: 23 events of monthly read")
                .endsWith("read 22, accepted 22, rejected 0\n");
        List<Logged> logged = logged("monthly");
        assertThat(logged).hasSize(23 + 3 + 2 + 4);
        assertThat(logged.stream().filter(e -> !januaryLog.contains(e)))
                .extracting(e -> e.event().getType())
                .containsExactlyInAnyOrder(
                        EventType.CASE_IDENTIFIED, // C-16
                        EventType.SHELTER_ADMITTED, // C-16
                        EventType.CASE_IDENTIFIED, // C-17
                        EventType.CASE_IDENTIFIED, // C-02 corrected
                        EventType.CASE_IDENTIFIED, // C-06 corrected
                        EventType.EVENT_VOIDED, // C-03 identified
                        EventType.EVENT_VOIDED, // C-03 admitted
                        EventType.EVENT_VOIDED, // C-05 admitted
                        EventType.EVENT_VOIDED); // C-08 identified

        CliRun again = snapshot("monthly", februaryExport, "2024-02-29");
        assertThat(difference(again)).isEqualTo("snapshot: new 0, changed 0, unchanged 22, voided 0");
        assertThat(logged("monthly")).hasSize(32);

        assertThat(difference(snapshot("february-alone", februaryExport, "2024-02-29")))
                .isEqualTo("snapshot: new 22, changed 0, unchanged 0, voided 0");
        Path warehouse = dir.resolve("warehouse");
        ReleaseStage.Outcome monthly = LogReplay.defaults(broker.bootstrapServers(), "monthly", warehouse, 5)
                .withAsOf(LocalDate.parse("2024-06-30"))
                .release();
        ReleaseStage.Outcome alone = LogReplay.defaults(broker.bootstrapServers(), "february-alone", warehouse, 5)
                .withAsOf(LocalDate.parse("2024-06-30"))
                .release();
        assertThat(monthly.manifest().source().eventsRead()).isEqualTo(32);
        assertThat(alone.manifest().source().eventsRead()).isEqualTo(22);
        assertThat(Query.rows(
                        monthly.dir(),
                        "SELECT referral_source, exploitation_type, cases FROM unsuppressed_referral_sources"
                                + " WHERE minor = 'ALL' AND referral_source <> 'ALL' AND exploitation_type <> 'ALL'"
                                + " ORDER BY 1, 2"))
                .containsExactly(
                        "HOTLINE SEXUAL 2",
                        "OUTREACH LABOUR 2",
                        "OUTREACH SEXUAL 2",
                        "POLICE_OPERATION LABOUR 2",
                        "POLICE_OPERATION SEXUAL 7");
        assertThat(EndToEndTest.checksums(monthly.dir()))
                .as("every table, public and restricted, as the February export alone makes it")
                .isEqualTo(EndToEndTest.checksums(alone.dir()));
    }

    @Test
    void aStatusWithoutADateIsDatedByTheSnapshotThatFirstHoldsItAndOnlyOnce() throws Exception {
        List<Case> cases = january().subList(0, 3);
        assertThat(difference(snapshot("closures", export("cases-march.csv", cases), "2024-03-31")))
                .isEqualTo("snapshot: new 5, changed 0, unchanged 0, voided 0");

        List<Case> closed = List.of(cases.get(0), cases.get(1).closed(), cases.get(2));
        Path april = export("cases-april.csv", closed);
        assertThat(difference(snapshot("closures", april, "2024-04-30")))
                .isEqualTo("snapshot: new 1, changed 0, unchanged 5, voided 0");
        assertThat(difference(snapshot("closures", export("cases-may.csv", closed), "2024-05-31")))
                .as("a month later, still closed")
                .isEqualTo("snapshot: new 0, changed 0, unchanged 6, voided 0");

        List<Logged> logged = logged("closures");
        assertThat(logged).hasSize(6);
        assertThat(logged.stream().map(Logged::event).filter(e -> e.getType() == EventType.CASE_CLOSED))
                .singleElement()
                .extracting(CaseEvent::getOccurredOn)
                .isEqualTo(LocalDate.parse("2024-04-30"));
    }

    @Test
    void aContractExportIsASnapshotTooAndItsFlagsAreChecked() throws Exception {
        Path full = dir.resolve("contract-full.jsonl");
        Files.write(
                full,
                List.of(
                        EndToEndTest.identified("K-1", "1985-01-01", "POLICE_OPERATION", "2010-03-01"),
                        EndToEndTest.identified("K-2", "1985-01-01", "OUTREACH", "2010-03-02"),
                        EndToEndTest.enrolled("K-1", "SEWING", "2010-03-02T10:00:00+07:00")));
        Path without = dir.resolve("contract-without.jsonl");
        Files.write(without, Files.readAllLines(full).subList(0, 2));
        String[] ingest = {
            "ingest",
            "--bootstrap-server",
            broker.bootstrapServers(),
            "--key-file",
            key.toString(),
            "--topic",
            "contract"
        };

        CliRun first = CliRun.of(concat(ingest, "--snapshot", full.toString()));
        assertThat(difference(first)).isEqualTo("snapshot: new 3, changed 0, unchanged 0, voided 0");
        assertThat(first.out()).contains("snapshot of e2e-cms on " + LocalDate.now(ZoneOffset.UTC) + ":");
        assertThat(difference(CliRun.of(concat(ingest, "--snapshot", without.toString()))))
                .isEqualTo("snapshot: new 0, changed 0, unchanged 2, voided 1");
        assertThat(logged("contract")).hasSize(4);

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        CliRun future = CliRun.of(concat(ingest, "--snapshot", "--snapshot-date", tomorrow, full.toString()));
        assertThat(future.status()).isEqualTo(Casetrail.USAGE);
        assertThat(future.err()).startsWith("casetrail: --snapshot-date " + tomorrow + " is after today");
        CliRun dateAlone = CliRun.of(concat(ingest, "--snapshot-date", "2024-01-01", full.toString()));
        assertThat(dateAlone.status()).isEqualTo(Casetrail.USAGE);
        assertThat(dateAlone.err()).startsWith("casetrail: --snapshot-date is the date of a --snapshot");
        assertThat(logged("contract")).hasSize(4);
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** An event of the log, where it stands. */
    record Logged(int partition, long offset, CaseEvent event) {}

    /** Every event of the topic, partition by partition, opened as the job opens it. */
    static List<Logged> logged(String topic) {
        return LogContents.events(broker.bootstrapServers(), topic).stream()
                .map(e -> new Logged(e.partition(), e.offset(), e.event()))
                .toList();
    }
}
