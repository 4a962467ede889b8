package org.casetrail.warehouse.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Restricted data and keys must be the warehouse owner's alone: the file system is the lock.
 * Checks a release's restricted folder and the warehouse's perturbation secret.
 */
final class OwnerOnly {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {}

    /** What others can reach: the release's restricted folder and files, and the warehouse's keys. */
    static List<String> check(Path releaseDir) {
        List<String> failures = new ArrayList<>();
        Path restricted = releaseDir.resolve("restricted");
        if (Files.exists(restricted)) {
            try (Stream<Path> all = Files.walk(restricted)) {
                for (Path p : all.toList()) {
                    if (openToOthers(p)) {
                        failures.add("restricted data " + releaseDir.relativize(p)
                                + " can be read by other users; run: chmod -R go-rwx " + restricted);
                        break;
                    }
                }
            } catch (IOException e) {
                failures.add("cannot check the permissions of " + restricted + ": " + e.getMessage());
            }
        }
        Path warehouseRoot = releaseDir.toAbsolutePath().getParent().getParent();
        Path secret = warehouseRoot.resolve("perturbation.key");
        if (Files.exists(secret) && openToOthers(secret)) {
            failures.add("the perturbation secret " + secret + " can be read by other users; run: chmod 600 " + secret);
        }
        return failures;
    }

    private static boolean openToOthers(Path p) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            permissions.retainAll(OTHERS);
            return !permissions.isEmpty();
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }
}
