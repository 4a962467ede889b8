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
import org.casetrail.schemas.table.TableSpec;
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
        Map<String, Long> counters = result.counters();
        Map<String, Long> cases = new LinkedHashMap<>();
        for (String name : List.of(JobCounters.CASES, JobCounters.CASES_INCLUDED, JobCounters.CASES_NOT_YET_IDENTIFIED,
                JobCounters.CASES_WITHOUT_RESEARCH_CONSENT, JobCounters.TESTIMONIES)) {
            cases.put(name, counters.getOrDefault(name, 0L));
        }
        Map<String, ReleaseManifest.TableSummary> tables = new LinkedHashMap<>();
        for (TableSpec spec : Tables.SUPPRESSED) {
            tables.put(spec.name(), new ReleaseManifest.TableSummary(
                    counters.getOrDefault(JobCounters.rows(spec.name()), 0L),
                    counters.getOrDefault(JobCounters.suppressed(spec.name(), "primary"), 0L),
                    counters.getOrDefault(JobCounters.suppressed(spec.name(), "secondary"), 0L)));
        }
        long eventsRead = counters.getOrDefault(JobCounters.EVENTS_READ, 0L);
        if (eventsRead != result.log().events()) {
            throw new CliException("the replay read " + eventsRead + " events but the log holds " + result.log().events()
                    + " up to the fixed offsets; the release was not published");
        }
        return new ReleaseManifest(id, Instant.now().toString(), result.log().topic(), result.log().endOffsets(), eventsRead,
                result.asOf().toString(), result.k(), new SuppressionRule(result.k()).publishable(),
                result.log().keyFingerprint(),
                Map.of("case_event", ReleasedSchemas.currentCaseEventVersion(), "tables", Tables.SCHEMA_VERSION),
                Casetrail.codeVersion(), cases, tables, null);
    }
}
