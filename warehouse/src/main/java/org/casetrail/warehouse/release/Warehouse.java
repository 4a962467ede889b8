package org.casetrail.warehouse.release;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.casetrail.warehouse.WarehouseException;

/**
 * The warehouse folder: {@code releases/<id>/} holds every release ever published, each complete
 * and never changed again; {@code current} is a symbolic link to the one readers see. A release
 * is built in a staging folder, renamed into place only when complete, and {@code current} is
 * switched by an atomic rename of a new link, so a reader never sees half a release.
 */
public final class Warehouse {

    public static final String MANIFEST = "manifest.json";
    private static final DateTimeFormatter ID_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private final Clock clock;

    public Warehouse(Path root) {
        this(root, Clock.systemUTC());
    }

    Warehouse(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    public Path releases() {
        return root.resolve("releases");
    }

    public Path current() {
        return root.resolve("current");
    }

    /** A new, empty staging folder for a release and the id it will be published under. */
    public Staged stage() {
        try {
            Files.createDirectories(releases());
            String id = ID_FORMAT.format(clock.instant());
            String candidate = id;
            for (int n = 2; Files.exists(releases().resolve(candidate)); n++) {
                candidate = id + "-" + n;
            }
            Path staging = releases()
                    .resolve(".staging-" + candidate + "-"
                            + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectories(staging);
            return new Staged(candidate, staging);
        } catch (IOException e) {
            throw new WarehouseException("cannot create a release in " + root + ": " + e.getMessage(), e);
        }
    }

    /** A release being built: its future id and where its files are written meanwhile. */
    public record Staged(String id, Path dir) {}

    /** Moves a complete staging folder into {@code releases/<id>}; the release is then immutable. */
    public Path complete(Staged staged, ReleaseManifest manifest) {
        try {
            ManifestCodec.write(manifest, staged.dir().resolve(MANIFEST));
            Path target = releases().resolve(staged.id());
            Files.move(staged.dir(), target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new WarehouseException("cannot complete release " + staged.id() + ": " + e.getMessage(), e);
        }
    }

    /** Live snapshots of a streaming run: restricted, for the organisation, never a public release. */
    public Path live() {
        return root.resolve("live");
    }

    /**
     * Makes a completed public release current and then deletes the restricted data of every older
     * release: exact tables are kept only in the current release, so a withdrawn consent leaves no
     * restricted trace after the next release.
     */
    public void publishAndRetire(String releaseId) {
        publish(releaseId);
        for (String older : releaseIds()) {
            if (older.compareTo(releaseId) < 0) {
                deleteTree(releases().resolve(older).resolve("restricted"));
            }
        }
    }

    /**
     * After an erasure (docs/erasure.md): puts the restricted data of a rebuild of a release, from
     * the same log less the erased women, in place of the release's own, and deletes the
     * restricted data of every other release, which may name them. The public tables stay as
     * published.
     *
     * @return how many other releases had restricted data deleted
     */
    public int replaceRestricted(String releaseId, Path rebuiltRestricted) {
        Path release = releases().resolve(releaseId);
        Path restricted = release.resolve("restricted");
        Path old = release.resolve(".restricted-erased-" + UUID.randomUUID());
        try {
            if (Files.exists(restricted)) {
                Files.move(restricted, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(rebuiltRestricted, restricted, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WarehouseException(
                    "cannot replace the restricted data of release " + releaseId + ": " + e.getMessage(), e);
        }
        deleteTree(old);
        int others = 0;
        for (String other : releaseIds()) {
            Path otherRestricted = releases().resolve(other).resolve("restricted");
            if (!other.equals(releaseId) && Files.exists(otherRestricted)) {
                deleteTree(otherRestricted);
                others++;
            }
        }
        return others;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new WarehouseException("cannot delete the restricted data in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Points {@code current} at a completed release, atomically. */
    public void publish(String releaseId) {
        Path release = releases().resolve(releaseId);
        if (!Files.isRegularFile(release.resolve(MANIFEST))) {
            throw new WarehouseException("no complete release " + releaseId + " in " + releases());
        }
        Path link = root.resolve(".current-" + UUID.randomUUID());
        try {
            Files.createSymbolicLink(link, root.relativize(release));
            try {
                Files.move(link, current(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new WarehouseException("the file system of " + root + " cannot switch releases atomically");
            }
        } catch (IOException e) {
            throw new WarehouseException("cannot publish release " + releaseId + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(link);
            } catch (IOException ignored) {
                // Only left over when the move failed, and then the error above says why.
            }
        }
    }

    /** The id of the release {@code current} points at, if any. */
    public Optional<String> currentId() {
        try {
            return Optional.of(Files.readSymbolicLink(current()).getFileName().toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new WarehouseException("cannot read " + current() + ": " + e.getMessage(), e);
        }
    }

    /** The folder of a release: the one named, or the current one. */
    public Path release(Optional<String> id) {
        String releaseId = id.or(this::currentId)
                .orElseThrow(() -> new WarehouseException(
                        "no release published in " + root + " yet; run casetrail replay (or casetrail demo) first"));
        Path dir = releases().resolve(releaseId);
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new WarehouseException("no release " + releaseId + " in " + releases());
        }
        return dir;
    }

    public ReleaseManifest manifest(Path releaseDir) {
        try {
            return ManifestCodec.read(releaseDir.resolve(MANIFEST));
        } catch (IOException | IllegalArgumentException e) {
            throw new WarehouseException(
                    "cannot read the manifest of " + releaseDir.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Completed releases, oldest first. */
    public List<String> releaseIds() {
        if (!Files.isDirectory(releases())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(releases())) {
            return dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.isRegularFile(d.resolve(MANIFEST)))
                    .map(d -> d.getFileName().toString())
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new WarehouseException("cannot list releases in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Removes a staging folder that will not become a release. */
    public void discard(Staged staged) {
        try (Stream<Path> files = Files.walk(staged.dir())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException | FileAlreadyExistsException ignored) {
            // Already gone.
        } catch (IOException e) {
            throw new WarehouseException("cannot remove staging folder " + staged.dir() + ": " + e.getMessage(), e);
        }
    }
}
