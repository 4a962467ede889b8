package org.casetrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.casetrail.ingest.erasure.CaseErasure;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.schemas.EventLogTopics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "erase",
        mixinStandardHelpOptions = true,
        description = {
            "Erase women from the event log by destroying their data keys (docs/erasure.md): no replay or stream",
            "can read or link their events afterwards. With --warehouse, the current release's restricted tables",
            "are rebuilt without them at once. Delete them from the source system first, or the next ingest of an",
            "export that still holds them brings them back as new cases."
        })
final class EraseCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", required = true, description = "Kafka broker(s), HOST:PORT[,HOST:PORT...].")
    String bootstrapServer;

    @Option(names = "--key-file", required = true, description = "The pseudonymization key the log was ingested with.")
    Path keyFile;

    @Option(
            names = "--source",
            required = true,
            description = "The source system of the cases, as their exports name it.")
    String source;

    @ArgGroup(multiplicity = "1")
    Cases cases;

    static final class Cases {
        @Option(names = "--case-id", description = "The case's id in its source.")
        String caseId;

        @Option(
                names = "--from",
                paramLabel = "FILE",
                description = "A file of case ids, one per line (blank lines are skipped).")
        Path file;
    }

    @Option(
            names = "--topic",
            defaultValue = EventLogTopics.DEFAULT_EVENTS,
            description = "Events topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--warehouse",
            description = "Also rebuild the current release's restricted tables without them (replayed with the"
                    + " release's own settings), and delete the restricted data of other releases and the live"
                    + " snapshots, which may name them.")
    Path warehouse;

    @Override
    public Integer call() throws Exception {
        List<String> ids = caseIds();
        if (ids.isEmpty()) {
            System.err.println("casetrail: " + cases.file + " holds no case id");
            return Casetrail.USAGE;
        }
        Pseudonymizer pseudonymizer = new Pseudonymizer(PseudonymKey.load(keyFile));
        CaseErasure.Outcome outcome = new CaseErasure(bootstrapServer, topic).erase(pseudonymizer, source, ids, true);
        if (outcome.erased() > 0) {
            System.out.println("erased " + cases(outcome.erased()) + " from " + topic + ": "
                    + (outcome.keysDestroyed() == 1 ? "its data key is" : outcome.keysDestroyed() + " data keys are")
                    + " destroyed, and no replay or stream can open " + (outcome.erased() == 1 ? "her" : "their")
                    + " events any more");
            System.out.println("the keys topic's segment was rolled after "
                    + outcome.segmentRolledAfter().toSeconds()
                    + " s: the keys' bytes leave the brokers' disks at its next compaction, within the hour"
                    + " (docs/erasure.md, \"How long it takes\")");
        }
        if (!outcome.notFound().isEmpty()) {
            String which = cases.file == null
                    ? "the case"
                    : cases(outcome.notFound().size()) + " (line"
                            + (outcome.notFound().size() == 1 ? " " : "s ")
                            + outcome.notFound().stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + " of " + cases.file + ")";
            System.out.println("no data key for " + which + " in " + topic + ": never ingested under source " + source
                    + ", or already erased");
        }
        if (warehouse != null && outcome.erased() > 0) {
            System.out.println(ErasedFromWarehouse.rebuild(bootstrapServer, topic, warehouse));
        }
        return 0;
    }

    private static String cases(int n) {
        return n == 1 ? "1 case" : n + " cases";
    }

    private List<String> caseIds() {
        if (cases.caseId != null) {
            if (cases.caseId.isBlank()) {
                throw new CliException("--case-id is empty");
            }
            return List.of(cases.caseId);
        }
        try {
            List<String> ids = new ArrayList<>();
            for (String line : Files.readAllLines(cases.file, StandardCharsets.UTF_8)) {
                ids.add(line.strip());
            }
            // Blank lines are skipped, but the positions reported stay those of the file's lines.
            return ids.stream().allMatch(String::isEmpty) ? List.of() : ids;
        } catch (IOException e) {
            throw new CliException("cannot read " + cases.file + ": " + e.getMessage());
        }
    }
}
