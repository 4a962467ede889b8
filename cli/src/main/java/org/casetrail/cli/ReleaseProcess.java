package org.casetrail.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.flink.JobCounters;
import org.casetrail.schemas.ReleasedSchemas;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.audit.ReleaseAudit;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;

/**
 * A batch replay from the log to a published release: build it in a staging folder, record its
 * manifest, audit it, move it into place, and switch {@code current} only if the audit passed.
 */
final class ReleaseProcess {

    /** How it went: the release, where it is, and whether it became current. */
    record Outcome(String releaseId, Path dir, ReleaseManifest manifest, boolean published) {
    }

    private ReleaseProcess() {
    }

    static Outcome replay(String bootstrapServers, String topic, Path warehouseDir, java.time.LocalDate asOf, int k,
                          int parallelism) throws Exception {
        return replay(bootstrapServers, topic, warehouseDir, asOf, k, parallelism, staged -> { });
    }

    /** @param beforeAudit runs on the staged release between the job and the audit (tests use it to break a release) */
    static Outcome replay(String bootstrapServers, String topic, Path warehouseDir, java.time.LocalDate asOf, int k,
                          int parallelism, java.util.function.Consumer<Path> beforeAudit) throws Exception {
        Warehouse warehouse = new Warehouse(warehouseDir);
        Warehouse.Staged staged = warehouse.stage();
        try {
            OutcomeJob.ReplayResult result = OutcomeJob.replay(
                    new OutcomeJob.ReplayRequest(bootstrapServers, topic, staged.dir(), asOf, k, parallelism));
            ReleaseManifest manifest = manifest(staged.id(), result);
            beforeAudit.accept(staged.dir());
            List<String> failures = new ReleaseAudit(k).check(staged.dir());
            manifest = manifest.withAudit(new ReleaseManifest.Audit(failures.isEmpty(), failures));
            Path dir = warehouse.complete(staged, manifest);
            if (failures.isEmpty()) {
                warehouse.publish(staged.id());
            }
            return new Outcome(staged.id(), dir, manifest, failures.isEmpty());
        } catch (Exception | Error e) {
            warehouse.discard(staged);
            throw e;
        }
    }

    private static ReleaseManifest manifest(String id, OutcomeJob.ReplayResult result) {
        long eventsRead = result.counters().getOrDefault(JobCounters.EVENTS_READ, 0L);
        if (eventsRead != result.log().events() || ((Number) result.snapshot().get("events_seen")).longValue() != eventsRead) {
            throw new CliException("the replay read " + eventsRead + " events but the log holds " + result.log().events()
                    + " up to the fixed offsets; the release was not published");
        }
        return manifest(id, "replay", result.log().topic(), result.log().endOffsets(), eventsRead, result.log().keyFingerprint(),
                result.snapshot());
    }

    /** The manifest of a release whose tables a snapshot (its snapshot.json) describes. */
    @SuppressWarnings("unchecked")
    static ReleaseManifest manifest(String id, String kind, String topic, Map<Integer, Long> endOffsets, long eventsRead,
                                    String keyFingerprint, Map<String, Object> snapshot) {
        Map<String, Long> cases = new LinkedHashMap<>();
        ((Map<String, Number>) snapshot.get("cases")).forEach((name, n) -> cases.put(name, n.longValue()));
        Map<String, ReleaseManifest.TableSummary> tables = new LinkedHashMap<>();
        ((Map<String, Map<String, Number>>) snapshot.get("tables")).forEach((name, t) -> tables.put(name,
                new ReleaseManifest.TableSummary(t.get("rows").longValue(), t.get("suppressed_primary").longValue(),
                        t.get("suppressed_secondary").longValue())));
        int k = ((Number) snapshot.get("k")).intValue();
        return new ReleaseManifest(id, Instant.now().toString(), kind, topic, endOffsets, eventsRead, (String) snapshot.get("as_of"),
                k, new SuppressionRule(k).publishable(), keyFingerprint,
                Map.of("case_event", ReleasedSchemas.currentCaseEventVersion(), "tables", Tables.SCHEMA_VERSION),
                Casetrail.codeVersion(), cases, tables, null);
    }
}
