package org.casetrail.jobs.options;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The flags of a continuous run ({@code casetrail stream}, the job jar's streaming mode): how often it writes. */
public final class StreamFlags {

    public static final int DEFAULT_SNAPSHOT_SECONDS = 10;
    public static final int DEFAULT_CHECKPOINT_SECONDS = 5;

    @Option(
            names = "--snapshot-interval",
            defaultValue = "" + DEFAULT_SNAPSHOT_SECONDS,
            converter = AtLeastOne.class,
            description = "Seconds between snapshots of changed tables (default: ${DEFAULT-VALUE}).")
    public int snapshotSeconds;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "" + DEFAULT_CHECKPOINT_SECONDS,
            converter = AtLeastOne.class,
            description = "Seconds between checkpoints (default: ${DEFAULT-VALUE}).")
    public int checkpointSeconds;

    public Duration snapshotInterval() {
        return Duration.ofSeconds(snapshotSeconds);
    }

    public Duration checkpointInterval() {
        return Duration.ofSeconds(checkpointSeconds);
    }
}
