package org.casetrail.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.ReportingPeriod;
import picocli.CommandLine;

/**
 * What the job jar was asked to do, parsed from its command line ({@link LaunchFlags}).
 *
 * @param warehouse      the warehouse folder, a path or a URI of Flink's file systems
 * @param out            where the snapshots go: the live root (streaming) or one snapshot's folder (batch), a URI
 * @param checkpoints    the checkpoint folder (streaming), a URI every TaskManager can write
 * @param secretFile     the perturbation secret, a path every TaskManager reads (a shared mount)
 * @param period         in batch mode without an as_of, the reporting period whose last end is the as_of; else null
 */
public record LaunchOptions(
        String bootstrapServers,
        String topic,
        boolean batch,
        String warehouse,
        String out,
        String checkpoints,
        Path secretFile,
        LocalDate asOf,
        ReportingPeriod period,
        DisclosureSettings disclosure,
        int parallelism,
        Duration snapshotInterval,
        Duration checkpointInterval) {

    /**
     * Parses the job jar's arguments: empty when they ask for the {@link #usage()}; a
     * {@link JobException} says, in one line, what is wrong with them.
     */
    public static Optional<LaunchOptions> parse(List<String> args) {
        LaunchFlags flags = new LaunchFlags();
        CommandLine line = new CommandLine(flags);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new JobException(e.getMessage());
        }
        return line.isUsageHelpRequested() ? Optional.empty() : Optional.of(flags.resolve());
    }

    public static String usage() {
        return new CommandLine(new LaunchFlags()).getUsageMessage();
    }
}
