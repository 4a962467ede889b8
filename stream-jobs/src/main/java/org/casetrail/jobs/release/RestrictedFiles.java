package org.casetrail.jobs.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Restricted data belongs to the warehouse's owner alone, as the keys do: folders 0700, files
 * 0600. The file system is the lock; the CLI's --restricted switch is only a convenience.
 */
public final class RestrictedFiles {

    private RestrictedFiles() {}

    /** Makes a folder and everything in it owner-only. */
    public static void lockDown(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }
    }
}
