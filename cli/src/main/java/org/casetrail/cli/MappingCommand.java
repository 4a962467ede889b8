package org.casetrail.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingCheck;
import org.casetrail.ingest.mapping.MappingException;
import org.casetrail.ingest.mapping.MappingLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code casetrail mapping check}: what a mapping file makes of an export, without ingesting it. */
@Command(
        name = "mapping",
        mixinStandardHelpOptions = true,
        description = "Work with mapping files, which turn tabular exports into records (docs/sources.md).",
        subcommands = {MappingCommand.Check.class})
final class MappingCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check");
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Dry run: map and validate the exports as ingest would, write nothing, and print what each column",
                "becomes, the events per type, the rejects per reason and column, and the labels no value map names.",
                "Values of identity columns are never printed."
            })
    static final class Check implements Callable<Integer> {

        @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "The mapping file (YAML).")
        Path mapping;

        @Option(
                names = "--snapshot-date",
                paramLabel = "YYYY-MM-DD",
                description = "The date snapshot_date stands for in the mapping (default: today, UTC).")
        LocalDate snapshotDate;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "The export's files.")
        List<Path> files;

        @Override
        public Integer call() {
            MappingCheck check;
            try {
                IngestCommand.readable(files);
                check = MappingCheck.run(MappedExport.open(
                        MappingLoader.load(mapping),
                        files,
                        Optional.of(snapshotDate != null ? snapshotDate : LocalDate.now(ZoneOffset.UTC))));
            } catch (MappingException e) {
                System.err.println("casetrail: " + e.getMessage());
                return Casetrail.USAGE;
            }
            check.report().forEach(System.out::println);
            return 0;
        }
    }
}
