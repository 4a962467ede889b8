package org.casetrail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingLoader;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.synthetic.HtcdsWorkbook;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.warehouse.release.ReleaseStage;
import org.casetrail.warehouse.report.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "The whole pipeline on this machine: an embedded Kafka broker, a synthetic export (or --input, or",
            "--format htcds-xlsx: a workbook laid out as the HTCDS v2 template, read through the shipped mapping),",
            "ingest, a Flink replay, an audited release of the warehouse, and its headline figures."
        })
final class DemoCommand implements Callable<Integer> {

    private static final String MARKER = ".casetrail-demo";

    @Option(
            names = "--workdir",
            defaultValue = "casetrail-demo",
            description = "Working folder (default: ${DEFAULT-VALUE}).")
    Path workdir;

    @Option(names = "--input", description = "An export to use instead of a synthetic one.")
    Path input;

    @Option(
            names = "--cases",
            defaultValue = "750",
            description = "Cases in the synthetic export (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(
            names = "--seed",
            defaultValue = "2009",
            description = "Seed of the synthetic export (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--format",
            defaultValue = "jsonl",
            description = "The synthetic export's format: jsonl (the input contract) or " + GenerateCommand.HTCDS_XLSX
                    + ", a workbook laid out as the HTCDS v2 Excel template read through the shipped mapping"
                    + " (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--k",
            defaultValue = "" + SuppressionRule.DEFAULT_K,
            description = "Suppression threshold (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() throws Exception {
        if (cases < 1 || k < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--cases and --k must be at least 1");
        }
        boolean spreadsheet = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "jsonl" -> false;
            case GenerateCommand.HTCDS_XLSX -> true;
            default ->
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "--format must be jsonl or " + GenerateCommand.HTCDS_XLSX);
        };
        if (spreadsheet && input != null) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--input is an export of the contract: give it without --format");
        }
        long started = System.nanoTime();
        prepare(workdir);
        Path warehouse = workdir.resolve("warehouse");
        Path report;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workdir.resolve("kafka"), 0)) {
            say("Kafka broker (KRaft, in this process) on " + broker.bootstrapServers() + ", log in "
                    + workdir.resolve("kafka"));
            Path keyFile = workdir.resolve("demo.key");
            PseudonymKey key = PseudonymKey.create(keyFile);
            say("throw-away pseudonymization key " + keyFile + ", fingerprint " + key.fingerprint());

            IngestSummary summary;
            if (spreadsheet) {
                summary = ingestWorkbook(broker.bootstrapServers(), keyFile);
            } else {
                Path export = input;
                if (export == null) {
                    export = workdir.resolve("export.jsonl");
                    SyntheticExport.Written written = SyntheticExport.write(
                            SyntheticExport.Settings.defaults(cases, seed), export, SyntheticExport.Format.JSONL);
                    say("synthetic export " + export + ": " + written.cases() + " cases, " + written.records()
                            + " records, " + written.malformed() + " deliberately malformed (fake identities only)");
                }
                summary = IngestCommand.ingest(
                        broker.bootstrapServers(), keyFile, EventLogTopics.DEFAULT_EVENTS, 3, List.of(export));
            }
            say("ingest: " + summary.line());

            say("replaying topic " + EventLogTopics.DEFAULT_EVENTS + " with Flink (local, batch)...");
            ReleaseStage.Outcome outcome = LogReplay.defaults(
                            broker.bootstrapServers(), EventLogTopics.DEFAULT_EVENTS, warehouse, k)
                    .release();
            Reports.printRelease(outcome, System.out);
            if (!outcome.auditPassed()) {
                return Casetrail.FAILED;
            }
            System.out.println();
            Reports.printHeadline(outcome.dir(), k, System.out);
            report = ReportFiles.write(outcome.dir(), workdir.resolve("report.html"), OptionalInt.empty())
                    .html();
        }
        System.out.println();
        System.out.printf("done in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        System.out.println(
                "warehouse:       " + warehouse + " (current release: " + warehouse.resolve("current") + ")");
        System.out.println(
                "query it:        ./casetrail query --warehouse " + warehouse + " \"SELECT * FROM referral_sources\"");
        System.out.println("data dictionary: ./casetrail tables");
        System.out.println("report:          " + report + " (open it in a browser; CSVs beside it)");
        return 0;
    }

    /**
     * The spreadsheet path: the synthetic case-load written as an HTCDS v2 workbook, with the
     * shipped mapping beside it, and ingested through that mapping as a snapshot of its export
     * date (docs/sources.md, "Try the spreadsheet path").
     */
    private IngestSummary ingestWorkbook(String bootstrapServers, Path keyFile) throws IOException {
        Path workbook = workdir.resolve(WORKBOOK);
        HtcdsWorkbook.Written written =
                HtcdsWorkbook.write(SyntheticExport.Settings.defaults(cases, seed), workbook, woman -> {});
        say("synthetic HTCDS v2 workbook " + workbook + ": " + written.cases() + " cases on its Case Sheet, "
                + written.services() + " services, " + written.followUps() + " follow-ups (fake identities only)");
        Path mappingFile = workdir.resolve(MAPPING);
        try (InputStream shipped = DemoCommand.class.getResourceAsStream("/mappings/" + MAPPING)) {
            if (shipped == null) {
                throw new CliException("the shipped mapping " + MAPPING + " is not in this build of casetrail");
            }
            Files.copy(shipped, mappingFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        say("mapping " + mappingFile + " (mappings/" + MAPPING + "), snapshot date " + written.snapshotDate());
        MappedExport mapped = MappedExport.open(
                MappingLoader.load(mappingFile), List.of(workbook), Optional.of(written.snapshotDate()));
        return IngestCommand.ingest(
                bootstrapServers, keyFile, EventLogTopics.DEFAULT_EVENTS, 3, List.of(workbook), null, mapped);
    }

    private static final String WORKBOOK = "cases.xlsx";
    private static final String MAPPING = "htcds-v2-excel.yaml";

    /** Uses an empty or new folder, or replaces a previous demo; never deletes anything else. */
    private static void prepare(Path workdir) throws IOException {
        if (Files.isDirectory(workdir) && Files.exists(workdir.resolve(MARKER))) {
            say("replacing the previous demo in " + workdir);
            for (String name : List.of("kafka", "warehouse", "demo.key", "export.jsonl", WORKBOOK, MAPPING)) {
                deleteRecursively(workdir.resolve(name));
            }
        } else if (Files.isDirectory(workdir)) {
            try (Stream<Path> entries = Files.list(workdir)) {
                if (entries.findAny().isPresent()) {
                    throw new CliException(
                            workdir + " exists and is not a casetrail demo folder; choose another --workdir");
                }
            }
        } else if (Files.exists(workdir)) {
            throw new CliException(workdir + " is a file; choose another --workdir");
        } else {
            say("new demo in " + workdir);
        }
        Files.createDirectories(workdir);
        Files.writeString(
                workdir.resolve(MARKER), "made by casetrail demo; the demo may replace this folder's contents\n");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void say(String line) {
        System.out.println("- " + line);
        System.out.flush();
    }
}
