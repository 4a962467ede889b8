package org.casetrail.warehouse.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.SnapshotSummaryCodec;
import org.casetrail.warehouse.WarehouseException;

/**
 * The live snapshots a streaming run writes under {@code <warehouse>/live/<topic>/<sequence>/}:
 * complete once their {@code snapshot.json} is there (a snapshot appears by one rename).
 * Restricted: they hold exact tables and are never a public release.
 */
public final class LiveSnapshots {

    private LiveSnapshots() {}

    /** Complete snapshots of one topic, oldest first. */
    public static List<Path> complete(Path topicFolder) {
        if (!Files.isDirectory(topicFolder)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(topicFolder)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .filter(d -> Files.isRegularFile(d.resolve(SnapshotSummary.FILE_NAME)))
                    .sorted(Comparator.comparing(d -> d.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new WarehouseException("cannot list live snapshots in " + topicFolder + ": " + e.getMessage(), e);
        }
    }

    /** What a complete snapshot describes (its snapshot.json). */
    public static SnapshotSummary summary(Path snapshot) {
        try (InputStream in = Files.newInputStream(snapshot.resolve(SnapshotSummary.FILE_NAME))) {
            return SnapshotSummaryCodec.read(in);
        } catch (IOException e) {
            throw new WarehouseException(
                    "cannot read the summary of live snapshot " + snapshot + ": " + e.getMessage(), e);
        }
    }

    /** The newest complete live snapshot of any topic of the warehouse. */
    public static Optional<Path> newest(Warehouse warehouse) {
        if (!Files.isDirectory(warehouse.live())) {
            return Optional.empty();
        }
        try (Stream<Path> topics = Files.list(warehouse.live())) {
            return topics.flatMap(t -> complete(t).stream()).max(Comparator.comparing(LiveSnapshots::lastModified));
        } catch (IOException e) {
            throw new WarehouseException(
                    "cannot list live snapshots in " + warehouse.live() + ": " + e.getMessage(), e);
        }
    }

    private static long lastModified(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve(SnapshotSummary.FILE_NAME))
                    .toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
