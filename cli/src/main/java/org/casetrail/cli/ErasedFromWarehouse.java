package org.casetrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.casetrail.jobs.options.JobFlags;
import org.casetrail.jobs.options.JobFolders;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.ReleaseStage;
import org.casetrail.warehouse.release.Warehouse;

/**
 * What an erasure does to a warehouse (docs/erasure.md, "What erasure reaches"): the current
 * release's restricted tables are rebuilt from the log as it is now, with the release's own as_of
 * and settings, and put in place of its own; the restricted data of every other release, and the
 * live snapshots of the topic, which may name the women erased, are deleted. The public tables of
 * releases already made stay as published: they are aggregates.
 */
final class ErasedFromWarehouse {

    private ErasedFromWarehouse() {}

    /** @return what was done, in one line */
    static String rebuild(String bootstrapServers, String topic, Path warehouseDir) throws Exception {
        Warehouse warehouse = new Warehouse(warehouseDir);
        int live = deleteLiveSnapshots(new JobFolders(warehouseDir.toString(), topic).localLive());
        Optional<String> current = warehouse.currentId();
        if (current.isEmpty()) {
            return "no current release in " + warehouseDir + " to rebuild; " + liveLine(live);
        }
        ReleaseManifest manifest = warehouse.manifest(warehouse.release(current));
        if (!manifest.source().topic().equals(topic)) {
            throw new CliException("the current release of " + warehouseDir + " was made from topic "
                    + manifest.source().topic() + ", not " + topic + "; nothing in the warehouse was changed");
        }
        LogReplay replay = new LogReplay(
                bootstrapServers,
                topic,
                warehouseDir,
                manifest.asOf(),
                manifest.period(),
                manifest.disclosure(),
                JobFlags.DEFAULT_PARALLELISM,
                null);
        Warehouse.Staged staged = warehouse.stage();
        try {
            ReleaseStage.BuiltTables built = replay.build(staged.dir(), warehouseDir);
            int others = warehouse.replaceRestricted(current.get(), staged.dir().resolve("restricted"));
            return String.format(
                    Locale.ROOT,
                    "release %s: restricted tables rebuilt without them (%d women erased in all, as_of %s, %.1f s);"
                            + " restricted data of %d other release%s deleted; %s",
                    current.get(),
                    built.summary().cases().erased(),
                    manifest.asOf(),
                    built.jobTime().toMillis() / 1000.0,
                    others,
                    others == 1 ? "" : "s",
                    liveLine(live));
        } finally {
            warehouse.discard(staged);
        }
    }

    private static String liveLine(int live) {
        return live + " live snapshot" + (live == 1 ? "" : "s") + " deleted (a running stream writes its next one"
                + " without them)";
    }

    /** Deletes the complete live snapshots; one a running stream is writing now is left to it. */
    private static int deleteLiveSnapshots(Path live) throws IOException {
        if (!Files.isDirectory(live)) {
            return 0;
        }
        List<Path> snapshots;
        try (Stream<Path> dirs = Files.list(live)) {
            snapshots = dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .toList();
        }
        for (Path snapshot : snapshots) {
            try (Stream<Path> files = Files.walk(snapshot)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return snapshots.size();
    }
}
