package org.casetrail.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.casetrail.ingest.ExportIngest;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingException;
import org.casetrail.ingest.mapping.MappingLoader;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.publish.BackgroundEventLogWriter;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.ingest.publish.KafkaEventLogWriter;
import org.casetrail.ingest.publish.RejectFile;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.schemas.EventLogTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Validate and pseudonymize exports (JSON Lines, or CSV by the .csv ending) into the event log.",
            "With --mapping, read any tabular export (CSV files, workbook sheets) through a mapping file (docs/sources.md)."
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Export files.")
    List<Path> files;

    @Override
    public Integer call() {
        MappedExport mapped = null;
        if (mappingFile != null) {
            // Every header is checked against the mapping before anything is sent to Kafka.
            try {
                readable(files);
                mapped = MappedExport.open(MappingLoader.load(mappingFile), files);
            } catch (MappingException e) {
                System.err.println("casetrail: " + e.getMessage());
                return Casetrail.USAGE;
            }
        }
        IngestSummary summary = ingest(bootstrapServer, keyFile, topic, partitions, files, rejectsFile, mapped);
        System.out.println(summary.line());
        return 0;
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
        Console console = System.console();
        // Encoding and sending on a thread of their own, so that they overlap the reading and pseudonymizing
        // of the next records on a second core (bench/PROFILE.md, phase 3).
        EventLogWriter kafka =
                new BackgroundEventLogWriter(KafkaEventLogWriter.open(bootstrapServer, topic, partitions));
        EventLogWriter log;
        try {
            log = rejectsFile == null ? kafka : new RejectFile(kafka, rejectsFile);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        try (log) {
            ExportIngest ingest = new ExportIngest(
                    new RecordTranslator(new Pseudonymizer(key)),
                    log,
                    console == null ? bytes -> {} : new Progress(console));
            IngestSummary summary = mapped == null ? ingest.ingest(files) : ingest.ingest(mapped);
            if (console != null) {
                System.err.print("\r" + " ".repeat(40) + "\r");
            }
            return summary;
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
    private static final class Progress implements java.util.function.LongConsumer {
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
