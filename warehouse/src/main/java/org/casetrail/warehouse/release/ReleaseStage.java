package org.casetrail.warehouse.release;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.casetrail.schemas.ReleasedSchemas;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.audit.ReleaseAudit;
import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.catalog.DataDictionary;

/**
 * The one way a set of tables becomes a release: stage a folder, let the tables be built into it,
 * record the manifest, audit the tables against their protection and the current public release,
 * decide whether the release is public or internal (PublicationPolicy), move it into place, and,
 * only for a public one, switch {@code current} and delete older releases' restricted data. A
 * failure anywhere before the move leaves nothing behind. docs/releases.md says what a reader sees.
 *
 * <p>Who builds the tables is the caller's: the CLI runs the Flink replay over the log; a test
 * writes tables of its own. The stage knows nothing of Kafka or Flink.
 */
public final class ReleaseStage {

    /** Builds one complete set of tables into an empty staging folder and says what they describe. */
    @FunctionalInterface
    public interface TableBuild {
        BuiltTables build(Path stagingDir, Path warehouseRoot) throws Exception;
    }

    /**
     * What a build produced: the log it read (topic, end offsets and the events up to them), the
     * events its job counted on the way in, the tables' summary, the perturbation secret's
     * fingerprint (null when the protection uses none), and the job's own time.
     */
    public record BuiltTables(
            String topic,
            SortedMap<Integer, Long> endOffsets,
            long eventsInLog,
            long eventsRead,
            String keyFingerprint,
            String perturbationSecretFingerprint,
            SnapshotSummary summary,
            Duration jobTime) {}

    /**
     * @param period the reporting period a public release must close
     * @param codeVersion the casetrail version recorded in the manifest
     */
    public record Settings(ReportingPeriod period, String codeVersion) {}

    /** How it went: the release, where it is, and how long it took, in all and in the build. */
    public record Outcome(ReleaseManifest manifest, Path dir, Duration took, Duration jobTime) {

        public String releaseId() {
            return manifest.releaseId();
        }

        public boolean published() {
            return manifest.isPublic();
        }

        public boolean auditPassed() {
            return manifest.audit().passed();
        }
    }

    private final Warehouse warehouse;
    private final Settings settings;

    public ReleaseStage(Warehouse warehouse, Settings settings) {
        this.warehouse = warehouse;
        this.settings = settings;
    }

    public Outcome run(TableBuild build) throws Exception {
        return run(build, staged -> {});
    }

    /** @param beforeAudit runs on the staged tables between the build and the audit (tests use it to break a release) */
    public Outcome run(TableBuild build, Consumer<Path> beforeAudit) throws Exception {
        long started = System.nanoTime();
        // The audit opens DuckDB once the tables are built; its native library loads meanwhile.
        Catalog.warmUpInBackground();
        Optional<String> currentId = warehouse.currentId();
        Warehouse.Staged staged = warehouse.stage();
        try {
            BuiltTables built = build.build(staged.dir(), warehouse.root());
            ReleaseManifest manifest = manifest(staged.id(), built);
            beforeAudit.accept(staged.dir());
            Optional<Path> current = currentId.map(id -> warehouse.releases().resolve(id));
            List<String> failures = new ReleaseAudit(manifest.disclosure()).check(staged.dir(), current);
            OptionalLong changed = current.map(
                            dir -> OptionalLong.of(JourneyDifference.womenChanged(staged.dir(), dir)))
                    .orElse(OptionalLong.empty());
            manifest = manifest.withAudit(ReleaseManifest.Audit.of(failures))
                    .withPublication(PublicationPolicy.decide(
                            manifest.asOf(),
                            settings.period(),
                            manifest.disclosure().k(),
                            failures.isEmpty(),
                            changed,
                            currentId.orElse(null)));
            DataDictionary.writeInto(staged.dir());
            Path dir = warehouse.complete(staged, manifest);
            if (manifest.isPublic()) {
                warehouse.publishAndRetire(staged.id());
            }
            return new Outcome(manifest, dir, Duration.ofNanos(System.nanoTime() - started), built.jobTime());
        } catch (Exception | Error e) {
            warehouse.discard(staged);
            throw e;
        }
    }

    private ReleaseManifest manifest(String id, BuiltTables built) {
        SnapshotSummary summary = built.summary();
        if (built.eventsRead() != built.eventsInLog()
                || summary.eventsSeen() + summary.unfolded().total() != built.eventsRead()) {
            throw new WarehouseException("the replay read " + built.eventsRead() + " events but the log holds "
                    + built.eventsInLog() + " up to the fixed offsets; the release was not published");
        }
        SortedMap<String, Integer> schemas = new TreeMap<>();
        schemas.put("case_event", ReleasedSchemas.currentCaseEventVersion());
        schemas.put("tables", Tables.SCHEMA_VERSION);
        return new ReleaseManifest(
                id,
                Instant.now().toString(),
                "replay",
                new ReleaseManifest.Source(built.topic(), built.endOffsets(), built.eventsRead(), summary.unfolded()),
                summary.asOf(),
                settings.period(),
                summary.disclosure(),
                new ReleaseManifest.Fingerprints(
                        built.keyFingerprint(),
                        summary.disclosure().protection().usesCellKeys()
                                ? built.perturbationSecretFingerprint()
                                : null),
                new ReleaseManifest.Versions(schemas, settings.codeVersion()),
                new ReleaseManifest.Contents(summary.cases(), summary.tables(), summary.informationLoss()),
                null,
                null);
    }
}
