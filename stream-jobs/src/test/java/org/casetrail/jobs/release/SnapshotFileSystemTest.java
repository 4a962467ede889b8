package org.casetrail.jobs.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots named by a file:// URI, as on a mount every TaskManager shares, written through Flink's FileSystem. */
class SnapshotFileSystemTest {

    @TempDir
    Path root;

    @Test
    void aNumberedSnapshotUnderAFileUriAppearsCompleteAndIsReplacedWhenWrittenAgain() throws Exception {
        Snapshot.Journey journey = new Snapshot.Journey("NOT_YET_IDENTIFIED", null, new byte[0][]);
        String uri = root.toUri().toString();
        assertThat(uri).startsWith("file:");

        String first = Snapshot.writeNumbered(
                uri,
                List.of(),
                Map.of("case-1", journey),
                DisclosureSettings.defaults(10),
                "2012-12-31",
                3,
                UnfoldedRecords.NONE,
                1);
        // Written again, as a streaming job restored from a checkpoint does: replaced, not refused.
        String again = Snapshot.writeNumbered(
                uri,
                List.of(),
                Map.of("case-1", journey),
                DisclosureSettings.defaults(10),
                "2012-12-31",
                3,
                UnfoldedRecords.NONE,
                1);

        assertThat(again).isEqualTo(first);
        Path done = root.resolve("000000001");
        assertThat(Path.of(java.net.URI.create(first))).isEqualTo(done);
        try (Stream<Path> names = Files.list(root)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("000000001");
        }
        String description = Files.readString(done.resolve(SnapshotSummary.FILE_NAME));
        assertThat(description).contains("\"events_seen\" : 3").contains("\"cases_not_yet_identified\" : 1");
        try (Stream<Path> files = Files.walk(done)) {
            assertThat(files.filter(f -> f.toString().endsWith(".parquet")).toList())
                    .as("no table has rows, so no file")
                    .isEmpty();
        }
    }

    @Test
    void aFolderNamedByPathOrFileUriIsTheSameAndItsRestrictedFolderIsOwnerOnly() throws Exception {
        Path dir = root.resolve("release");
        Snapshot.write(
                dir.toString(),
                List.of(),
                Map.of(),
                DisclosureSettings.defaults(10),
                "2012-12-31",
                0,
                UnfoldedRecords.NONE,
                1);
        Files.createDirectories(dir.resolve("restricted/x"));
        Snapshot.write(
                dir.toUri().toString(),
                List.of(),
                Map.of(),
                DisclosureSettings.defaults(10),
                "2012-12-31",
                0,
                UnfoldedRecords.NONE,
                1);
        assertThat(Files.getPosixFilePermissions(dir.resolve("restricted/x")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(dir.resolve(SnapshotSummary.FILE_NAME)).isRegularFile();
    }

    @Test
    void aJourneyFileThatCannotBeWrittenFailsTheSnapshotAndLeavesNoWriterBehind() {
        // Two bytes that are no journey row: the journey files' thread fails on decoding them.
        Snapshot.Journey broken =
                new Snapshot.Journey("INCLUDED", new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[0][]);
        Path dir = root.resolve("release");

        assertThatThrownBy(() -> Snapshot.write(
                        dir,
                        List.of(),
                        Map.of("case-1", broken),
                        DisclosureSettings.defaults(10),
                        "2012-12-31",
                        1,
                        UnfoldedRecords.NONE,
                        1))
                .isInstanceOfAny(java.io.IOException.class, RuntimeException.class);
        assertThat(dir.resolve(SnapshotSummary.FILE_NAME))
                .as("a snapshot that failed says nothing of itself")
                .doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("casetrail journey files") && t.isAlive());
    }
}
