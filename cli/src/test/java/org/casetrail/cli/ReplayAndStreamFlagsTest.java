package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        Run refused = run(replay);
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
        Run replay = run("replay", "--help");
        assertThat(replay.status()).isZero();
        assertThat(replay.out())
                .contains("Events topic (default: case-events).", "(default: quarter)", "(default: 10)")
                .doesNotContain("--snapshot-interval=");
        Run stream = run("stream", "--help");
        assertThat(stream.out())
                .contains("Events topic (default: case-events).", "Seconds between checkpoints (default: 5).")
                .doesNotContain("--period=");
    }

    @Test
    void theStreamsLiveFolderIsTheOneQueryReads() {
        assertThat(new JobFolders(dir.toString(), "t").localLive().getParent()).isEqualTo(new Warehouse(dir).live());
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = Casetrail.run(args);
            return new Run(
                    status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
