package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.casetrail.jobs.options.JobFolders;
import org.casetrail.warehouse.release.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay and stream take the job's flags from the definitions the job jar uses. */
class ReplayAndStreamFlagsTest {

    @TempDir
    Path dir;

    @Test
    void aThresholdOrAnIntervalBelowOneIsAUsageErrorNamingItsFlag() {
        String[] replay = {"replay", "--bootstrap-server", "127.0.0.1:1", "--warehouse", dir.toString(), "--k", "0"};
        String[] stream = {
            "stream", "--bootstrap-server", "127.0.0.1:1", "--warehouse", dir.toString(), "--snapshot-interval", "0"
        };
        CliRun refused = run(replay);
        assertThat(refused.status()).isEqualTo(Casetrail.USAGE);
        assertThat(refused.err())
                .startsWith("casetrail: Invalid value for option '--k': a whole number of at least 1, not '0'");
        refused = run(stream);
        assertThat(refused.status()).isEqualTo(Casetrail.USAGE);
        assertThat(refused.err())
                .startsWith(
                        "casetrail: Invalid value for option '--snapshot-interval': a whole number of at least 1, not '0'");
    }

    @Test
    void replayAndStreamEachHelpWithTheirOwnFlagsAndTheSharedDefaults() {
        CliRun replay = run("replay", "--help");
        assertThat(replay.status()).isZero();
        assertThat(replay.out())
                .contains("Events topic (default: case-events).", "(default: quarter)", "(default: 10)")
                .doesNotContain("--snapshot-interval=");
        CliRun stream = run("stream", "--help");
        assertThat(stream.out())
                .contains("Events topic (default: case-events).", "Seconds between checkpoints (default: 5).")
                .doesNotContain("--period=");
    }

    @Test
    void theStreamsLiveFolderIsTheOneQueryReads() {
        assertThat(new JobFolders(dir.toString(), "t").localLive().getParent()).isEqualTo(new Warehouse(dir).live());
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
