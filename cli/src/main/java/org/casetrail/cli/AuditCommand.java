package org.casetrail.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casetrail.warehouse.audit.ReleaseAudit;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Check a release against the disclosure rules of its protection, and that no other user can read its",
            "restricted data or the warehouse's keys; prints its information loss. Exits 1 when any rule fails."
        })
final class AuditCommand implements Callable<Integer> {

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--release", description = "A release id (default: the current one).")
    String release;

    @Override
    public Integer call() {
        Warehouse wh = new Warehouse(warehouse);
        Path dir = wh.release(Optional.ofNullable(release));
        ReleaseManifest manifest = wh.manifest(dir);
        List<String> failures =
                new ReleaseAudit(manifest.disclosure()).check(dir, previousPublic(wh, manifest.releaseId()));
        String what = "release " + manifest.releaseId() + " (" + (manifest.isPublic() ? "public" : "internal") + ", "
                + manifest.disclosure().protection().flag() + ", k="
                + manifest.disclosure().k() + ")";
        Reports.printInformationLoss(manifest, System.out);
        if (failures.isEmpty()) {
            System.out.println(what + " passes the disclosure rules");
            return 0;
        }
        System.out.println(what + " FAILS the disclosure rules:");
        failures.forEach(f -> System.out.println("  " + f));
        return Casetrail.FAILED;
    }

    /** The newest public release before this one that still holds its exact tables, to check consistency against. */
    private static Optional<Path> previousPublic(Warehouse wh, String releaseId) {
        List<String> ids = wh.releaseIds();
        for (int i = ids.indexOf(releaseId) - 1; i >= 0; i--) {
            Path dir = wh.releases().resolve(ids.get(i));
            if (wh.manifest(dir).isPublic()) {
                return java.nio.file.Files.isDirectory(dir.resolve("restricted")) ? Optional.of(dir) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
