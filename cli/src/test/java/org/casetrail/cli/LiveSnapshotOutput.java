package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a test reads from `casetrail stream` and `casetrail query` output: live snapshot lines, and the CSV without notes. */
final class LiveSnapshotOutput {

    private static final Pattern SNAPSHOT = Pattern.compile("live snapshot \\d+: (\\d+) events seen, as of (\\S+)");

    private LiveSnapshotOutput() {}

    /** The query's CSV, without the notes casetrail prints about what it reads. */
    static String csv(String output) {
        return output.lines().filter(l -> !l.startsWith("casetrail: note")).collect(Collectors.joining("\n"));
    }

    /** The as_of of the last live snapshot announced, or null. */
    static String lastAsOf(String output) {
        Matcher m = SNAPSHOT.matcher(output);
        String last = null;
        while (m.find()) {
            last = m.group(2);
        }
        return last;
    }

    /** The events the last live snapshot announced was folded from, or -1. */
    static long lastSeen(String output) {
        Matcher m = SNAPSHOT.matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    /** The records an ingest accepted, from its closing line; the ingest must have succeeded. */
    static long accepted(CliProcessesIT.Result ingest) {
        assertThat(ingest.status()).as(ingest.out()).isZero();
        return Long.parseLong(ingest.out().replaceAll("(?s).*accepted (\\d+).*", "$1"));
    }

    /** Waits (3 minutes at most) until the stream announces a live snapshot folded from {@code events} events. */
    static void awaitSnapshot(Path out, long events, Process stream) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out);
            if (lastSeen(text) == events) {
                return;
            }
            assertThat(stream.isAlive()).as(text).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("no snapshot of " + events + " events: " + Files.readString(out));
    }
}
