package org.casetrail.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.flink.JobCounters;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.jobs.release.DisclosureSettings;
import org.casetrail.schemas.ReleasedSchemas;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.audit.ReleaseAudit;
import org.casetrail.warehouse.catalog.Catalog;
import org.casetrail.warehouse.catalog.DataDictionary;
import org.casetrail.warehouse.release.JourneyDifference;
import org.casetrail.warehouse.release.PublicationPolicy;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;

/**
 * A batch replay from the log to a release: build it in a staging folder, record its manifest,
 * audit it against its protection and the current public release, decide whether it is public or
 * internal, move it into place, and switch {@code current} only to a public one.
 */
final class ReleaseProcess {

    /** What to replay and how to protect it. */
    record Request(
            String bootstrapServers,
            String topic,
            Path warehouseDir,
            LocalDate asOf,
            ReportingPeriod period,
            DisclosureSettings disclosure,
            int parallelism,
            OutcomeJob.Cluster cluster) {

        /** A replay on a local Flink. */
        Request(
                String bootstrapServers,
                String topic,
                Path warehouseDir,
                LocalDate asOf,
                ReportingPeriod period,
                DisclosureSettings disclosure,
                int parallelism) {
            this(bootstrapServers, topic, warehouseDir, asOf, period, disclosure, parallelism, null);
        }

        /** The defaults: cell key perturbation, quarterly periods, as_of from the log. */
        static Request defaults(String bootstrapServers, String topic, Path warehouseDir, int k) {
            return new Request(
                    bootstrapServers,
                    topic,
                    warehouseDir,
                    null,
                    ReportingPeriod.QUARTER,
                    DisclosureSettings.defaults(k),
                    2);
        }

        Request withAsOf(LocalDate day) {
            return new Request(bootstrapServers, topic, warehouseDir, day, period, disclosure, parallelism, cluster);
        }

        Request withDisclosure(DisclosureSettings settings) {
            return new Request(bootstrapServers, topic, warehouseDir, asOf, period, settings, parallelism, cluster);
        }
    }

    /**
     * How it went: the release, where it is, whether it became current, and whether it passed its
     * audit; and how long it took, in all and in the Flink job (the rest is start-up, audit and publication).
     */
    record Outcome(
            String releaseId, Path dir, ReleaseManifest manifest, boolean published, Duration took, Duration jobTime) {

        boolean auditPassed() {
            return manifest.audit().passed();
        }
    }

    private ReleaseProcess() {}

    static Outcome replay(Request request) throws Exception {
        return replay(request, staged -> {});
    }

    /** @param beforeAudit runs on the staged release between the job and the audit (tests use it to break a release) */
    static Outcome replay(Request request, Consumer<Path> beforeAudit) throws Exception {
        long started = System.nanoTime();
        // The audit opens DuckDB once the job is done; its native library loads meanwhile.
        Catalog.warmUpInBackground();
        Warehouse warehouse = new Warehouse(request.warehouseDir());
        PerturbationSecret secret = PerturbationSecret.openOrCreate(warehouse.root());
        Optional<String> currentId = warehouse.currentId();
        Warehouse.Staged staged = warehouse.stage();
        try {
            OutcomeJob.ReplayResult result = OutcomeJob.replay(new OutcomeJob.ReplayRequest(
                    request.bootstrapServers(),
                    request.topic(),
                    staged.dir(),
                    request.asOf(),
                    request.asOf() == null ? request.period() : null,
                    warehouse.root().resolve(PerturbationSecret.FILE_NAME),
                    request.disclosure(),
                    request.parallelism(),
                    request.cluster()));
            ReleaseManifest manifest = manifest(staged.id(), result, request, secret);
            beforeAudit.accept(staged.dir());
            Optional<Path> current = currentId.map(id -> warehouse.releases().resolve(id));
            DisclosureSettings disclosure = request.disclosure();
            List<String> failures = new ReleaseAudit(
                            disclosure.k(), disclosure.protection(), disclosure.ptableVersion())
                    .check(staged.dir(), current);
            OptionalLong changed = current.map(
                            dir -> OptionalLong.of(JourneyDifference.womenChanged(staged.dir(), dir)))
                    .orElse(OptionalLong.empty());
            manifest = manifest.withAudit(new ReleaseManifest.Audit(failures.isEmpty(), failures))
                    .withPublication(PublicationPolicy.decide(
                            LocalDate.parse(manifest.asOf()),
                            request.period(),
                            disclosure.k(),
                            failures.isEmpty(),
                            changed,
                            currentId.orElse(null)));
            DataDictionary.writeInto(staged.dir());
            Path dir = warehouse.complete(staged, manifest);
            if (manifest.isPublic()) {
                warehouse.publishAndRetire(staged.id());
            }
            return new Outcome(
                    staged.id(),
                    dir,
                    manifest,
                    manifest.isPublic(),
                    Duration.ofNanos(System.nanoTime() - started),
                    result.jobTime());
        } catch (Exception | Error e) {
            warehouse.discard(staged);
            throw e;
        }
    }

    private static ReleaseManifest manifest(
            String id, OutcomeJob.ReplayResult result, Request request, PerturbationSecret secret) {
        long eventsRead = result.counters().getOrDefault(JobCounters.EVENTS_READ, 0L);
        if (eventsRead != result.log().events()
                || ((Number) result.snapshot().get("events_seen")).longValue() != eventsRead) {
            throw new CliException("the replay read " + eventsRead + " events but the log holds "
                    + result.log().events() + " up to the fixed offsets; the release was not published");
        }
        return manifest(
                id,
                "replay",
                result.log().topic(),
                result.log().endOffsets(),
                eventsRead,
                result.log().keyFingerprint(),
                request.period(),
                secret,
                result.snapshot());
    }

    /** The manifest of a release whose tables a snapshot (its snapshot.json) describes. */
    @SuppressWarnings("unchecked")
    static ReleaseManifest manifest(
            String id,
            String kind,
            String topic,
            Map<Integer, Long> endOffsets,
            long eventsRead,
            String keyFingerprint,
            ReportingPeriod period,
            PerturbationSecret secret,
            Map<String, Object> snapshot) {
        Map<String, Long> cases = new LinkedHashMap<>();
        ((Map<String, Number>) snapshot.get("cases")).forEach((name, n) -> cases.put(name, n.longValue()));
        Map<String, ReleaseManifest.TableSummary> tables = new LinkedHashMap<>();
        ((Map<String, Map<String, Number>>) snapshot.get("tables"))
                .forEach((name, t) -> tables.put(
                        name,
                        new ReleaseManifest.TableSummary(
                                t.get("rows").longValue(),
                                t.get("suppressed_primary").longValue(),
                                t.get("suppressed_secondary").longValue())));
        int k = ((Number) snapshot.get("k")).intValue();
        String protection = (String) snapshot.get("protection");
        return new ReleaseManifest(
                id,
                Instant.now().toString(),
                kind,
                topic,
                endOffsets,
                eventsRead,
                (String) snapshot.get("as_of"),
                period.flag(),
                k,
                k >= PublicationPolicy.LOWEST_PUBLIC_K,
                protection,
                (String) snapshot.get("ptable_version"),
                (String) snapshot.get("consent_basis"),
                keyFingerprint,
                Protection.PERTURBATION.flag().equals(protection) ? secret.fingerprint() : null,
                // Sorted, as Map.of's order changes from one JVM to the next.
                new TreeMap<>(Map.of(
                        "case_event", ReleasedSchemas.currentCaseEventVersion(), "tables", Tables.SCHEMA_VERSION)),
                Casetrail.codeVersion(),
                cases,
                tables,
                (Map<String, Map<String, Map<String, Number>>>) snapshot.get("information_loss"),
                null,
                null);
    }
}
