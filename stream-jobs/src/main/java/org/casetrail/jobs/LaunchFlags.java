package org.casetrail.jobs;

import java.nio.file.Path;
import org.casetrail.jobs.options.FlagOf;
import org.casetrail.jobs.options.JobFlags;
import org.casetrail.jobs.options.JobFolders;
import org.casetrail.jobs.options.PeriodFlag;
import org.casetrail.jobs.options.StreamFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of the job jar ({@code flink run casetrail-job.jar ...}): the flags of
 * {@code casetrail stream} and {@code replay}, from the same definitions, plus the job jar's own.
 */
@Command(
        name = "flink run casetrail-job.jar",
        description = {
            "The outcome job, on the Flink cluster it is submitted to.",
            "streaming (the default): live snapshots under <warehouse>/live/<topic>,",
            "checkpointed. batch: one snapshot of the whole topic as it stands, into",
            "--out; not a release (publish with casetrail replay --flink-master, which",
            "audits and publishes). The warehouse, --out and --checkpoints may be paths",
            "or URIs of Flink's file systems. Exit status 2 for arguments it cannot use."
        })
final class LaunchFlags {

    enum Mode {
        STREAMING,
        BATCH
    }

    static final class ForMode extends FlagOf<Mode> {
        ForMode() {
            super(Mode.class);
        }
    }

    @Mixin
    JobFlags job;

    @Mixin
    StreamFlags stream;

    @Mixin
    PeriodFlag reporting;

    @Option(
            names = "--mode",
            defaultValue = "streaming",
            converter = ForMode.class,
            description = "streaming or batch (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(
            names = "--out",
            paramLabel = "DIR|URI",
            description = "Where the snapshots go (batch: required; streaming default: <warehouse>/live/<topic>).")
    String out;

    @Option(
            names = "--checkpoints",
            paramLabel = "DIR|URI",
            description = "Streaming checkpoints (default: <warehouse>/checkpoints/<topic>).")
    String checkpoints;

    @Option(
            names = "--perturbation-key",
            paramLabel = "PATH",
            description =
                    "The perturbation secret, at a path every TaskManager sees (default: <warehouse>/perturbation.key).")
    Path perturbationKey;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    /** What the flags ask for, with the defaults that follow from the warehouse and the topic. */
    LaunchOptions resolve() {
        boolean batch = mode == Mode.BATCH;
        if (batch && out == null) {
            throw new JobException("--out is required with --mode batch");
        }
        JobFolders folders = job.folders();
        Path secret = perturbationKey != null
                ? perturbationKey
                : folders.secretFile()
                        .orElseThrow(() -> new JobException("the warehouse " + folders.warehouse()
                                + " is not a local path, so name the perturbation secret with --perturbation-key"
                                + " (a path every TaskManager sees)"));
        return new LaunchOptions(
                job.bootstrapServer,
                job.topic,
                batch,
                folders.warehouse(),
                out != null ? JobFolders.uri(out) : folders.live(),
                checkpoints != null ? JobFolders.uri(checkpoints) : folders.checkpoints(),
                secret,
                job.asOf,
                batch && job.asOf == null ? reporting.period : null,
                job.disclosure(),
                job.parallelism,
                stream.snapshotInterval(),
                stream.checkpointInterval());
    }
}
