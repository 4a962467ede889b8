package org.casetrail.bench.throughput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingLoader;
import org.casetrail.ingest.mapping.MappingObserver;
import org.casetrail.ingest.synthetic.HtcdsWorkbook;
import org.casetrail.ingest.synthetic.SyntheticExport;

/**
 * The spreadsheet path against the contract's: the same case-load written as an HTCDS v2 workbook
 * and read by {@code casetrail ingest --mapping} through the shipped mapping, then the very records
 * that mapping makes written as JSON Lines and read by {@code casetrail ingest}. Same records,
 * same translation and log: the ratio of their rates is what reading a workbook through a mapping
 * costs (docs/sources.md, "The HTCDS v2 Excel template").
 *
 * <p>Both ingests append, without {@code --snapshot}: the mapping's {@code snapshot_date} is
 * written as the workbook's export date in a copy of it, since the snapshot comparison with the
 * log is a cost of its own, which {@code bench/run snapshot} measures.
 */
final class SpreadsheetIngest {

    static final String XLSX = "xlsx mapped ingest";
    static final String SAME_AS_JSONL = "  same records, jsonl";

    private static final String MAPPING = "htcds-v2-excel.yaml";
    private static final Pattern INGESTED = Pattern.compile("read (\\d+), accepted (\\d+), rejected (\\d+)");

    /** What the step measured: the two ingests' steps, and the counts that must agree. */
    record Measured(List<ThroughputReport.Step> steps, List<ThroughputReport.Check> checks) {}

    private final LogThroughputBench.Settings settings;
    private final CasetrailProcess casetrail;
    private final Path dir;

    SpreadsheetIngest(LogThroughputBench.Settings settings, CasetrailProcess casetrail) throws IOException {
        this.settings = settings;
        this.casetrail = casetrail;
        this.dir = Files.createDirectories(settings.workdir().resolve("spreadsheet"));
    }

    /** The workbook of {@code cases} women, the dated mapping, and the mapped records as JSON Lines. */
    record Inputs(Path workbook, Path mapping, Path jsonl, long records) {}

    Inputs write(int cases, String name) throws IOException {
        Path workbook = dir.resolve(name + ".xlsx");
        HtcdsWorkbook.Written written =
                HtcdsWorkbook.write(SyntheticExport.Settings.defaults(cases, settings.seed()), workbook, woman -> {});
        Path mapping = dir.resolve(name + "-" + MAPPING);
        Files.writeString(mapping, dated(written.snapshotDate()));
        Path jsonl = dir.resolve(name + "-mapped.jsonl");
        long[] records = {0};
        try (BufferedWriter out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            MappedExport.open(MappingLoader.load(mapping), List.of(workbook))
                    .read(
                            record -> {
                                try {
                                    // A row refused by the mapping is a line the contract refuses too: {}.
                                    out.write(
                                            record.readable() ? record.content().toString() : "{}");
                                    out.write('\n');
                                    records[0]++;
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            MappingObserver.NONE);
        }
        return new Inputs(workbook, mapping, jsonl, records[0]);
    }

    /**
     * A first mapped ingest, with class-data archives of its own: the launcher records one per
     * command on its first good run, and the contract's ingest recorded the other, so each path is
     * measured with the classes it loads archived, as a user who runs only one of them has it.
     */
    void warmUp(String bootstrap, Path keyFile, Duration limit) throws Exception {
        Inputs small = write(200, "warm-up");
        ChildJvm.Finished run = ingest("warm-up mapped ingest", limit, bootstrap, keyFile, small, true, "warm-up-xlsx");
        if (run.status() != 0) {
            throw new BenchException("the mapped warm-up ingest failed (exit " + run.status() + "); its output is in "
                    + dir.resolve("warm-up mapped ingest.out"));
        }
    }

    Measured measure(Inputs inputs, String bootstrap, Path keyFile, Duration limit) throws Exception {
        ChildJvm.Finished xlsx = ingest(XLSX, limit, bootstrap, keyFile, inputs, true, "bench-htcds-xlsx");
        ChildJvm.Finished jsonl = ingest(SAME_AS_JSONL, limit, bootstrap, keyFile, inputs, false, "bench-htcds-jsonl");
        long[] xlsxCounts = counts(xlsx, XLSX);
        long[] jsonlCounts = counts(jsonl, SAME_AS_JSONL);
        double jsonlRate = jsonlCounts[0] / jsonl.seconds();
        double xlsxRate = xlsxCounts[0] / xlsx.seconds();
        return new Measured(
                List.of(
                        new ThroughputReport.Step(
                                XLSX,
                                xlsxCounts[0],
                                xlsx.seconds(),
                                xlsxRate,
                                xlsxRate / jsonlRate,
                                null,
                                xlsx.peakRssBytes(),
                                "the case-load as an HTCDS v2 workbook read through the shipped mapping by the CLI,"
                                        + " JVM start-up included; ratio: to the same records as JSON Lines"),
                        new ThroughputReport.Step(
                                SAME_AS_JSONL,
                                jsonlCounts[0],
                                jsonl.seconds(),
                                jsonlRate,
                                1.0,
                                null,
                                jsonl.peakRssBytes(),
                                "the records the mapping made of that workbook, as JSON Lines, read by the CLI: the"
                                        + " spreadsheet's baseline")),
                List.of(
                        new ThroughputReport.Check(
                                "xlsx ingest read every mapped record", inputs.records(), xlsxCounts[0]),
                        new ThroughputReport.Check(
                                "jsonl ingest read every mapped record", inputs.records(), jsonlCounts[0]),
                        new ThroughputReport.Check("xlsx ingest rejected none", 0, xlsxCounts[2]),
                        new ThroughputReport.Check(
                                "xlsx and jsonl ingests accepted as many", xlsxCounts[1], jsonlCounts[1])));
    }

    private ChildJvm.Finished ingest(
            String step, Duration limit, String bootstrap, Path keyFile, Inputs inputs, boolean mapped, String topic)
            throws Exception {
        List<String> args = mapped
                ? List.of(
                        "ingest",
                        "--bootstrap-server",
                        bootstrap,
                        "--key-file",
                        keyFile.toString(),
                        "--topic",
                        topic,
                        "--mapping",
                        inputs.mapping().toString(),
                        inputs.workbook().toString())
                : List.of(
                        "ingest",
                        "--bootstrap-server",
                        bootstrap,
                        "--key-file",
                        keyFile.toString(),
                        "--topic",
                        topic,
                        inputs.jsonl().toString());
        Map<String, String> environment =
                mapped ? Map.of("CASETRAIL_CDS_DIR", dir.resolve("cds").toString()) : Map.of();
        return casetrail.run(
                step, limit, dir.resolve(step.strip() + ".out"), List.of(), environment, args.toArray(String[]::new));
    }

    private long[] counts(ChildJvm.Finished run, String step) throws BenchException {
        Matcher ingested = INGESTED.matcher(run.output());
        if (run.status() != 0 || !ingested.find()) {
            throw new BenchException(step.strip() + " failed (exit " + run.status() + "); its output is in "
                    + dir.resolve(step.strip() + ".out"));
        }
        return new long[] {
            Long.parseLong(ingested.group(1)), Long.parseLong(ingested.group(2)), Long.parseLong(ingested.group(3))
        };
    }

    /** The shipped mapping, its snapshot date written as the workbook's export date. */
    private static String dated(LocalDate snapshotDate) throws IOException {
        try (InputStream shipped = SpreadsheetIngest.class.getResourceAsStream("/mappings/" + MAPPING)) {
            if (shipped == null) {
                throw new BenchException("the shipped mapping " + MAPPING + " is not on the bench's classpath");
            }
            return new String(shipped.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("snapshot_date", snapshotDate.toString());
        }
    }
}
