package org.casetrail.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.casetrail.warehouse.release.Warehouse;
import org.casetrail.warehouse.report.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "A year's report for advocacy staff: one self-contained HTML file (charts included, nothing fetched",
            "from a network) to e-mail or print, and a CSV of each published table beside it."
        })
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The HTML file to write, e.g. report.html.")
    Path out;

    @Option(
            names = "--year",
            description = "Year of the report (default: the latest year of identification in the release).")
    Integer year;

    @Option(names = "--release", description = "A release id instead of the current one.")
    String release;

    @Override
    public Integer call() {
        Path releaseDir = new Warehouse(warehouse).release(Optional.ofNullable(release));
        ReportFiles.Written written =
                ReportFiles.write(releaseDir, out, year == null ? OptionalInt.empty() : OptionalInt.of(year));
        System.out.println("report for " + written.year() + ": " + written.html());
        System.out.println("tables as CSV beside it: " + written.csv().size() + " files");
        return 0;
    }
}
