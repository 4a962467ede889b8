package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds an export with unique "canary" identities, runs ingest and replay as a user would (with
 * --verbose, so the libraries log all they want), and searches everything the system wrote for
 * every canary: the broker's files, both topics record by record (as stored and as opened), the
 * warehouse files, every table as DuckDB decodes it, the rejects file and the output of every
 * process. None may appear.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CanaryIT {

    @TempDir
    Path dir;

    record Canary(
            String caseId,
            String eventPrefix,
            String given,
            String family,
            String alias,
            String phone,
            String nationalId,
            String email,
            String village,
            LocalDate dob) {

        List<String> strings() {
            return List.of(
                    caseId, eventPrefix, given, family, alias, phone, nationalId, email, village, dob.toString());
        }
    }

    @Test
    void noCanaryIdentityAppearsAnywhereDownstreamOfIngest() throws Exception {
        List<Canary> canaries = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String n = String.format("%02d", i);
            Canary c = new Canary(
                    "CANARYCASE" + n,
                    "CANARYEVT" + n,
                    "Qzgiven" + n,
                    "Qzfamily" + n,
                    "Qzalias" + n,
                    "97" + (100000 + i * 7919),
                    "88" + (1000000 + i * 104729),
                    "qzmail" + n + "@canary.example",
                    "Qzvillage" + n,
                    LocalDate.of(1990, 1, 1).plusDays(i * 37L));
            canaries.add(c);
            lines.add(line(
                    c,
                    "-1",
                    "CASE_IDENTIFIED",
                    "\"details\": {\"referral_source\": \"POLICE_OPERATION\", \"exploitation_type\": \"SEXUAL\"}",
                    null));
            lines.add(line(
                    c, "-2", "CONSENT_RECORDED", "\"details\": {\"research_use\": true, \"story_use\": true}", null));
            lines.add(line(
                    c,
                    "-3",
                    "TESTIMONY_RECORDED",
                    "\"details\": {}",
                    "My name is " + c.given() + " " + c.family() + ", friends call me "
                            + c.alias().toUpperCase(Locale.ROOT)
                            + ". I am from " + c.village() + ", born " + c.dob() + ". Call 0" + c.phone()
                            + " or write to "
                            + c.email() + ". ID " + c.nationalId() + "."));
            // Broken lines that carry the identities too: they must be rejected without them.
            lines.add(line(
                    c,
                    "-4",
                    "CASE_IDENTIFIED",
                    "\"details\": {\"referral_source\": \"" + c.given() + "\", \"exploitation_type\": \"SEXUAL\"}",
                    null));
            lines.add(line(c, "-5", "TESTIMONY_RECORDED", "\"details\": {}", c.given() + " " + c.phone())
                    .replaceAll("\"person\": \\{[^}]*\\}, ", ""));
            lines.add("{\"source\": \"canary-cms\", \"case_id\": \"" + c.caseId() + "\", \"note\": \"" + c.given() + " "
                    + c.phone() + "\"");
        }
        Path export = dir.resolve("canary.jsonl");
        Files.write(export, lines);
        Path key = dir.resolve("canary.key");
        Path warehouse = dir.resolve("warehouse");
        Path rejects = dir.resolve("rejects.jsonl");
        StringBuilder outputs = new StringBuilder();

        Path brokerLog = dir.resolve("broker.out");
        Process broker = new ProcessBuilder(CliProcessesIT.java(
                        "broker",
                        "--verbose",
                        "--data-dir",
                        dir.resolve("kafka").toString(),
                        "--port",
                        "0"))
                .redirectErrorStream(true)
                .redirectOutput(brokerLog.toFile())
                .start();
        try {
            String bootstrap = awaitBroker(brokerLog);
            outputs.append(run(outputs, "keys", "init", "--key-file", key.toString()));
            CliProcessesIT.Result ingest = CliProcessesIT.run(
                    "ingest",
                    "--verbose",
                    "--bootstrap-server",
                    bootstrap,
                    "--key-file",
                    key.toString(),
                    "--rejects",
                    rejects.toString(),
                    export.toString());
            outputs.append(ingest.out());
            assertThat(ingest.out()).contains("read 144, accepted 72, rejected 72");
            // Every canary event is dated February 2011: a month-end as_of takes them all in.
            CliProcessesIT.Result replay = CliProcessesIT.run(
                    "replay",
                    "--verbose",
                    "--bootstrap-server",
                    bootstrap,
                    "--warehouse",
                    warehouse.toString(),
                    "--k",
                    "1",
                    "--as-of",
                    "2011-02-28");
            outputs.append(replay.out());
            assertThat(replay.status()).as(replay.out()).isZero();
            assertThat(replay.out()).contains("24 testimonies").contains("INTERNAL release");
            String releaseId = replay.out().replaceAll("(?s).*?release (\\S+):.*", "$1");
            for (String table : List.of(
                    "cohort_outcomes",
                    "training_outcomes",
                    "followup_status",
                    "shelter_occupancy",
                    "referral_sources",
                    "legal_outcomes",
                    "testimonies",
                    "case_journeys")) {
                CliProcessesIT.Result rows = CliProcessesIT.run(
                        "query",
                        "--verbose",
                        "--restricted",
                        "--release",
                        releaseId,
                        "--format",
                        "csv",
                        "--warehouse",
                        warehouse.toString(),
                        "SELECT * FROM " + table);
                assertThat(rows.status()).as(rows.out()).isZero();
                assertThat(rows.out())
                        .as("a release made with k=1 is internal, and says so on every query")
                        .contains("is INTERNAL");
                outputs.append(rows.out());
            }
            assertThat(outputs).contains("My name is ").contains("[phone]");
            assertThat(LogContents.events(bootstrap, "case-events")).hasSize(72);
            assertThat(LogContents.rejects(bootstrap, "case-events")).hasSize(72);
            outputs.append(LogContents.searchableText(bootstrap, "case-events"));
        } finally {
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS);
        }
        outputs.append(Files.readString(brokerLog));

        String everything = (outputs
                        + filesUnder(dir.resolve("kafka"))
                        + filesUnder(warehouse)
                        + Files.readString(rejects))
                .toLowerCase(Locale.ROOT);
        assertThat(Files.readAllLines(rejects)).hasSize(72);
        for (Canary c : canaries) {
            for (String canary : c.strings()) {
                assertThat(everything).as("canary %s", canary).doesNotContain(canary.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static String line(Canary c, String suffix, String type, String details, String narrative) {
        return "{\"source\": \"canary-cms\", \"source_event_id\": \"" + c.eventPrefix() + suffix + "\", \"case_id\": \""
                + c.caseId()
                + "\", \"type\": \"" + type + "\", \"occurred_at\": \"2011-02-0" + (1 + Math.abs(suffix.hashCode()) % 8)
                + "\", \"centre\": \"TOM_DY\", "
                + "\"person\": {\"given_name\": \"" + c.given() + "\", \"family_name\": \"" + c.family()
                + "\", \"aliases\": [\"" + c.alias()
                + "\"], \"date_of_birth\": \"" + c.dob() + "\", \"phone\": \"+855 " + c.phone()
                + "\", \"national_id\": \"" + c.nationalId()
                + "\", \"email\": \"" + c.email() + "\", \"village\": \"" + c.village() + "\"}, " + details
                + (narrative == null ? "" : ", \"narrative\": \"" + narrative + "\"") + "}";
    }

    private static String run(StringBuilder outputs, String... args) throws Exception {
        CliProcessesIT.Result result = CliProcessesIT.run(args);
        assertThat(result.status()).as(result.out()).isZero();
        return result.out();
    }

    static String awaitBroker(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var m = java.util.regex.Pattern.compile("broker listening on (127\\.0\\.0\\.1:\\d+)")
                    .matcher(Files.readString(log));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the broker did not start: " + Files.readString(log));
    }

    private static String filesUnder(Path root) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        return text.toString();
    }
}
