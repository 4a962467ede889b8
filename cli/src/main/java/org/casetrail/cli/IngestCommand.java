package org.casetrail.cli;

import java.io.Console;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.casetrail.ingest.ExportIngest;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.Mapping;
import org.casetrail.ingest.mapping.MappingException;
import org.casetrail.ingest.mapping.MappingLoader;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.publish.BackgroundEventLogWriter;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.ingest.publish.KafkaEventLogWriter;
import org.casetrail.ingest.publish.RejectFile;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.snapshot.LogHoldings;
import org.casetrail.ingest.snapshot.LogReadBack;
import org.casetrail.ingest.snapshot.SnapshotDifference;
import org.casetrail.ingest.snapshot.SnapshotScope;
import org.casetrail.schemas.EventLogTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Validate and pseudonymize exports (JSON Lines, or CSV by the .csv ending) into the event log.",
            "With --mapping, read any tabular export (CSV files, workbook sheets) through a mapping file (docs/sources.md).",
            "With --snapshot, the files are the whole current state of their source: only its difference from the log is written."
        })
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", required = true, description = "Kafka broker, HOST:PORT.")
    String bootstrapServer;

    @Option(names = "--key-file", required = true, description = "The pseudonymization key (casetrail keys init).")
    Path keyFile;

    @Option(
            names = "--topic",
            defaultValue = EventLogTopics.DEFAULT_EVENTS,
            description = "Events topic (default: ${DEFAULT-VALUE}); rejects go to <topic>-rejected.")
    String topic;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of the topic when it is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--rejects",
            description =
                    "Also write each reject (reason, field, line number, pseudonymized ids; never the line) to this JSON Lines file.")
    Path rejectsFile;

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "A mapping file (YAML) that turns the exports' tables into records (docs/sources.md).")
    Path mappingFile;

    @Option(
            names = "--snapshot",
            description =
                    "The files are the whole current state of their source (docs/sources.md, \"Snapshots\"): write"
                            + " only the records the log does not hold as they are, and void the records gone from them.")
    boolean snapshot;

    @Option(
            names = "--snapshot-date",
            paramLabel = "DATE",
            description = "With --snapshot: the day the export was taken, YYYY-MM-DD, not after today (default:"
                    + " today, UTC); the date of what a mapping dates by the snapshot.")
    LocalDate snapshotDate;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Export files.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<LocalDate> snapshotDay = snapshotDay();
        MappedExport mapped = null;
        String mappedSource = null;
        if (mappingFile != null) {
            // Every header is checked against the mapping before anything is sent to Kafka.
            try {
                readable(files);
                Mapping mapping = MappingLoader.load(mappingFile);
                mapped = MappedExport.open(mapping, files, snapshotDay);
                mappedSource = mapping.source();
            } catch (MappingException e) {
                System.err.println("casetrail: " + e.getMessage());
                return Casetrail.USAGE;
            }
        }
        if (snapshotDay.isEmpty()) {
            IngestSummary summary = ingest(bootstrapServer, keyFile, topic, partitions, files, rejectsFile, mapped);
            System.out.println(summary.line());
            return 0;
        }
        SnapshotIngested ingested = snapshot(
                bootstrapServer,
                keyFile,
                topic,
                partitions,
                files,
                rejectsFile,
                mapped,
                mappedSource,
                snapshotDay.get(),
                System.out::println);
        System.out.println("snapshot: " + ingested.tally().line());
        System.out.println(ingested.summary().line());
        return 0;
    }

    /** The day of the snapshot the files are, if they are one. */
    private Optional<LocalDate> snapshotDay() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (!snapshot) {
            if (snapshotDate != null) {
                throw new ParameterException(spec.commandLine(), "--snapshot-date is the date of a --snapshot");
            }
            return Optional.empty();
        }
        if (snapshotDate != null && snapshotDate.isAfter(today)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--snapshot-date " + snapshotDate + " is after today (" + today + ", UTC): a snapshot is taken"
                            + " of what a source holds, not of what it will hold");
        }
        return Optional.of(snapshotDate == null ? today : snapshotDate);
    }

    static IngestSummary ingest(String bootstrapServer, Path keyFile, String topic, int partitions, List<Path> files) {
        return ingest(bootstrapServer, keyFile, topic, partitions, files, null);
    }

    static IngestSummary ingest(
            String bootstrapServer, Path keyFile, String topic, int partitions, List<Path> files, Path rejectsFile) {
        return ingest(bootstrapServer, keyFile, topic, partitions, files, rejectsFile, null);
    }

    /** @param mapped the exports read through a mapping, or null for exports of the contract itself */
    static IngestSummary ingest(
            String bootstrapServer,
            Path keyFile,
            String topic,
            int partitions,
            List<Path> files,
            Path rejectsFile,
            MappedExport mapped) {
        PseudonymKey key = PseudonymKey.load(keyFile);
        readable(files);
        try (EventLogWriter log = open(bootstrapServer, topic, partitions, rejectsFile)) {
            ExportIngest ingest = new ExportIngest(new RecordTranslator(new Pseudonymizer(key)), log, progress());
            IngestSummary summary = mapped == null ? ingest.ingest(files) : ingest.ingest(mapped);
            clearProgress();
            return summary;
        }
    }

    private static EventLogWriter open(String bootstrapServer, String topic, int partitions, Path rejectsFile) {
        return open(KafkaEventLogWriter.open(bootstrapServer, topic, partitions), rejectsFile);
    }

    private static EventLogWriter open(KafkaEventLogWriter writer, Path rejectsFile) {
        // Encoding and sending on a thread of their own, so that they overlap the reading and pseudonymizing
        // of the next records on a second core (bench/PROFILE.md, phase 3).
        EventLogWriter kafka = new BackgroundEventLogWriter(writer);
        try {
            return rejectsFile == null ? kafka : new RejectFile(kafka, rejectsFile);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    private static LongConsumer progress() {
        Console console = System.console();
        return console == null ? bytes -> {} : new Progress(console);
    }

    private static void clearProgress() {
        if (System.console() != null) {
            System.err.print("\r" + " ".repeat(40) + "\r");
        }
    }

    /** What a snapshot ingest did: its difference from the log, and the usual tally of records. */
    record SnapshotIngested(SnapshotDifference.Tally tally, IngestSummary summary) {}

    /**
     * Ingests the files as a snapshot of their source (docs/sources.md, "Snapshots"): reads back what
     * the log holds of the source, writes the records that differ, then the voids of the records
     * gone.
     *
     * @param mappedSource the mapping's source when {@code mapped} is not null
     * @param say where the line saying what the log held goes
     */
    static SnapshotIngested snapshot(
            String bootstrapServer,
            Path keyFile,
            String topic,
            int partitions,
            List<Path> files,
            Path rejectsFile,
            MappedExport mapped,
            String mappedSource,
            LocalDate snapshotDate,
            Consumer<String> say) {
        PseudonymKey key = PseudonymKey.load(keyFile);
        readable(files);
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(key));
        SnapshotScope scope = mapped == null
                ? SnapshotScope.ofContractExports(files, translator)
                : SnapshotScope.ofSource(mappedSource);
        KafkaEventLogWriter writer = KafkaEventLogWriter.open(bootstrapServer, topic, partitions);
        try (EventLogWriter log = open(writer, rejectsFile)) {
            LogHoldings held = new LogHoldings(scope.sources(), key.fingerprint());
            LogReadBack.Read read = LogReadBack.into(held, bootstrapServer, topic, writer.keys());
            say.accept(String.format(
                    Locale.ROOT,
                    "snapshot of %s on %s: %d events of %s read in %.1f s, %d of them of %s",
                    scope.sources().isEmpty() ? "no source" : String.join(", ", scope.sources()),
                    snapshotDate,
                    read.events(),
                    topic,
                    read.seconds(),
                    read.eventsOfSources(),
                    scope.sources().size() == 1 ? "its source" : "its sources"));
            SnapshotDifference difference = scope.differenceFrom(held);
            ExportIngest ingest = new ExportIngest(translator, log, progress(), difference);
            IngestSummary summary = mapped == null ? ingest.ingest(files) : ingest.ingest(mapped);
            difference.voids(new Pseudonymizer(key)).forEach(log::append);
            log.flush();
            clearProgress();
            return new SnapshotIngested(difference.tally(), summary);
        }
    }

    static void readable(List<Path> files) {
        for (Path file : files) {
            if (!java.nio.file.Files.isReadable(file)) {
                throw new CliException("export " + file + " does not exist or cannot be read");
            }
        }
    }

    /** A progress line on a terminal, at most once a second. */
    private static final class Progress implements LongConsumer {
        private final Console console;
        private long lastPrinted;

        Progress(Console console) {
            this.console = console;
        }

        @Override
        public void accept(long bytes) {
            long now = System.currentTimeMillis();
            if (now - lastPrinted >= 1000) {
                lastPrinted = now;
                console.writer().print("\ringesting: " + bytes / (1024 * 1024) + " MiB read");
                console.flush();
            }
        }
    }
}
