package org.casetrail.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.options.JobFlags;
import org.casetrail.jobs.options.PeriodFlag;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.warehouse.release.ReleaseStage;
import org.casetrail.warehouse.release.Warehouse;

/**
 * A release made by replaying the whole event log with Flink: this builds the tables into the
 * release stage's staging folder, and {@link ReleaseStage} does the rest (manifest, audit,
 * publication). Used by {@code replay} and {@code demo}.
 *
 * @param asOf the release's as_of, or null for the last end of {@code period} on or before the latest event
 * @param cluster a Flink cluster to submit to, or null for a local Flink
 */
record LogReplay(
        String bootstrapServers,
        String topic,
        Path warehouseDir,
        LocalDate asOf,
        ReportingPeriod period,
        DisclosureSettings disclosure,
        int parallelism,
        OutcomeJob.Cluster cluster)
        implements ReleaseStage.TableBuild {

    /** The default release: perturbation, quarterly periods, as_of from the log, a local Flink. */
    static LogReplay defaults(String bootstrapServers, String topic, Path warehouseDir, int k) {
        return new LogReplay(
                bootstrapServers,
                topic,
                warehouseDir,
                null,
                ReportingPeriod.ofFlag(PeriodFlag.DEFAULT_PERIOD),
                DisclosureSettings.defaults(k),
                JobFlags.DEFAULT_PARALLELISM,
                null);
    }

    LogReplay withAsOf(LocalDate day) {
        return new LogReplay(bootstrapServers, topic, warehouseDir, day, period, disclosure, parallelism, cluster);
    }

    LogReplay withDisclosure(DisclosureSettings settings) {
        return new LogReplay(bootstrapServers, topic, warehouseDir, asOf, period, settings, parallelism, cluster);
    }

    ReleaseStage.Outcome release() throws Exception {
        return release(staged -> {});
    }

    /** @param beforeAudit runs on the staged release between the job and the audit (tests use it to break a release) */
    ReleaseStage.Outcome release(Consumer<Path> beforeAudit) throws Exception {
        return new ReleaseStage(new Warehouse(warehouseDir), new ReleaseStage.Settings(period, Casetrail.codeVersion()))
                .run(this, beforeAudit);
    }

    @Override
    public ReleaseStage.BuiltTables build(Path stagingDir, Path warehouseRoot) throws Exception {
        PerturbationSecret secret = PerturbationSecret.openOrCreate(warehouseRoot);
        OutcomeJob.ReplayResult result = OutcomeJob.replay(new OutcomeJob.ReplayRequest(
                bootstrapServers,
                topic,
                stagingDir,
                asOf,
                asOf == null ? period : null,
                warehouseRoot.resolve(PerturbationSecret.FILE_NAME),
                disclosure,
                parallelism,
                cluster));
        return new ReleaseStage.BuiltTables(
                result.log().topic(),
                new TreeMap<>(result.log().endOffsets()),
                result.log().events(),
                result.eventsRead(),
                result.log().keyFingerprint(),
                secret.fingerprint(),
                result.summary(),
                result.jobTime());
    }
}
