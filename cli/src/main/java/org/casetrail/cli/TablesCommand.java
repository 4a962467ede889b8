package org.casetrail.cli;

import java.util.concurrent.Callable;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.catalog.DataDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "tables",
        mixinStandardHelpOptions = true,
        description = "The data dictionary: every table, its columns, their meaning, and how suppression applies.")
final class TablesCommand implements Callable<Integer> {

    @Option(names = "--warehouse", description = "Warehouse folder (the dictionary is the same for every release).")
    java.nio.file.Path warehouse;

    @Option(names = "--format", defaultValue = "text", description = "text or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (format.equalsIgnoreCase("markdown")) {
            System.out.print(DataDictionary.markdown());
            return 0;
        }
        if (!format.equalsIgnoreCase("text")) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--format must be text or markdown");
        }
        System.out.println(
                "Published tables (schema version " + Tables.SCHEMA_VERSION + "). Under the default protection"
                        + " (perturbation) a row describing fewer than k women is withheld (counts and statistics null, suppressed = true);"
                        + " every other count carries a small noise of at most 2, the same wherever the same women are counted; rates are"
                        + " ratios of published counts; medians need k values and are rounded to 5 days. Every dimension (a key"
                        + " marked 'dimension') also takes the value ALL, in every combination: the totals. Rows need not add up to"
                        + " their ALL row exactly. Under --protection suppression counts are exact, small cells and the cells that"
                        + " would let someone subtract their way to them are suppressed, and there are no ALL rows.");
        for (TableSpec table : Tables.ALL) {
            System.out.println();
            System.out.println(
                    table.name() + (table.visibility() == TableSpec.Visibility.RESTRICTED ? " (restricted)" : "") + ": "
                            + table.doc());
            for (Column c : table.columns()) {
                System.out.printf(
                        "  %-30s %-8s %-9s %s%n",
                        c.name(),
                        c.type(),
                        c.rollup() ? "dimension" : c.kind().name().toLowerCase(),
                        c.doc());
            }
        }
        return 0;
    }
}
