package org.casetrail.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.casetrail.ingest.synthetic.HtcdsWorkbook;
import org.casetrail.ingest.synthetic.SyntheticExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Write a realistic synthetic case-management export with fake identities (same flags, same bytes).")
final class GenerateCommand implements Callable<Integer> {

    static final String HTCDS_XLSX = "htcds-xlsx";

    @Option(names = "--cases", required = true, description = "Number of cases.")
    int cases;

    @Option(names = "--seed", required = true, description = "Random seed.")
    long seed;

    @Option(names = "--out", required = true, description = "Output file.")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "jsonl",
            description = "jsonl or csv (the input contract), or htcds-xlsx: a workbook laid out as the HTCDS v2"
                    + " Excel template, with Services and Follow-ups sheets, which mappings/htcds-v2-excel.yaml"
                    + " reads (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--start-year", description = "First year of identifications (default 2009).")
    Integer startYear;

    @Option(
            names = "--years",
            description = "Years of identifications (default: about 250 cases a year, at most 15 years).")
    Integer years;

    @Option(
            names = "--centres",
            defaultValue = "3",
            description = "Number of centres, 1 to 5 (default: ${DEFAULT-VALUE}).")
    int centres;

    @Override
    public Integer call() throws IOException {
        String chosen = format.toLowerCase(Locale.ROOT);
        SyntheticExport.Format fmt = switch (chosen) {
            case "jsonl" -> SyntheticExport.Format.JSONL;
            case "csv" -> SyntheticExport.Format.CSV;
            case HTCDS_XLSX -> null;
            default ->
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "--format must be jsonl, csv or " + HTCDS_XLSX);
        };
        if (fmt == null
                && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this),
                    "--format " + HTCDS_XLSX + " writes a workbook: --out must end in .xlsx");
        }
        SyntheticExport.Settings defaults = SyntheticExport.Settings.defaults(cases, seed);
        SyntheticExport.Settings settings;
        try {
            settings = new SyntheticExport.Settings(
                    cases,
                    seed,
                    startYear == null ? defaults.startYear() : startYear,
                    years == null ? defaults.years() : years,
                    centres,
                    defaults.mess());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        if (fmt == null) {
            HtcdsWorkbook.Written written = HtcdsWorkbook.write(settings, out, woman -> {});
            System.out.printf(
                    "wrote %s: %d cases on its Case Sheet, %d services, %d follow-ups; snapshot date %s%n"
                            + "read it with: --mapping mappings/htcds-v2-excel.yaml --snapshot-date %s%n",
                    out,
                    written.cases(),
                    written.services(),
                    written.followUps(),
                    written.snapshotDate(),
                    written.snapshotDate());
            return 0;
        }
        SyntheticExport.Written written = SyntheticExport.write(settings, out, fmt);
        System.out.printf(
                "wrote %s: %d cases, %d records (%d deliberately malformed), export date %s%n",
                out, written.cases(), written.records(), written.malformed(), written.exportDate());
        return 0;
    }
}
