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

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check a release against the disclosure rules; exits 1 when any rule fails.")
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
        List<String> failures = new ReleaseAudit(manifest.k()).check(dir);
        if (failures.isEmpty()) {
            System.out.println("release " + manifest.releaseId() + " passes the disclosure rules at k=" + manifest.k());
            return 0;
        }
        System.out.println("release " + manifest.releaseId() + " FAILS the disclosure rules at k=" + manifest.k() + ":");
        failures.forEach(f -> System.out.println("  " + f));
        return Casetrail.FAILED;
    }
}
