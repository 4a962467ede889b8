package org.casetrail.warehouse.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.SnapshotSummaryCodec;
import org.casetrail.warehouse.WarehouseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release stage on its own, without Kafka, Flink or the CLI: a build that writes a set of
 * tables (here, a log with no counted woman: a summary and no table file) becomes a release whose
 * manifest, audit and publication follow the rules of docs/releases.md.
 */
class ReleaseStageTest {

    static final String KEY = "3f1a9c0d2e4b5a6f";
    static final String SECRET = "9e8d7c6b5a493827";

    @TempDir
    Path root;

    static ReleaseStage.TableBuild tablesAsOf(LocalDate asOf, long events, long eventsRead) {
        return (staging, warehouseRoot) -> {
            SnapshotSummary summary = new SnapshotSummary(
                    1, asOf, events, DisclosureSettings.defaults(10), CaseCounts.NONE, Map.of(), Map.of());
            try (OutputStream out = Files.newOutputStream(staging.resolve(SnapshotSummary.FILE_NAME))) {
                SnapshotSummaryCodec.write(summary, out);
            }
            return new ReleaseStage.BuiltTables(
                    "case-events",
                    new TreeMap<>(Map.of(0, events)),
                    events,
                    eventsRead,
                    KEY,
                    SECRET,
                    summary,
                    Duration.ofMillis(5));
        };
    }

    ReleaseStage stage() {
        return new ReleaseStage(new Warehouse(root), new ReleaseStage.Settings(ReportingPeriod.QUARTER, "test"));
    }

    @Test
    void tablesAtAPeriodEndBecomeThePublicCurrentReleaseWithTheirManifest() throws Exception {
        ReleaseStage.Outcome outcome = stage().run(tablesAsOf(LocalDate.of(2012, 12, 31), 7, 7));

        assertThat(outcome.published()).isTrue();
        assertThat(outcome.auditPassed()).isTrue();
        Warehouse warehouse = new Warehouse(root);
        assertThat(warehouse.currentId()).contains(outcome.releaseId());
        ReleaseManifest onDisk = warehouse.manifest(outcome.dir());
        assertThat(onDisk).isEqualTo(outcome.manifest());
        assertThat(onDisk.source().eventsRead()).isEqualTo(7);
        assertThat(onDisk.asOf()).isEqualTo(LocalDate.of(2012, 12, 31));
        assertThat(onDisk.period()).isEqualTo(ReportingPeriod.QUARTER);
        assertThat(onDisk.fingerprints().pseudonymizationKey()).isEqualTo(KEY);
        assertThat(onDisk.fingerprints().perturbationSecret()).isEqualTo(SECRET);
        assertThat(onDisk.versions().code()).isEqualTo("test");
        assertThat(outcome.dir().resolve(org.casetrail.warehouse.catalog.DataDictionary.FILE_NAME))
                .isRegularFile();
    }

    @Test
    void tablesBetweenPeriodEndsAreKeptAsAnInternalReleaseThatNeverBecomesCurrent() throws Exception {
        ReleaseStage.Outcome outcome = stage().run(tablesAsOf(LocalDate.of(2012, 11, 30), 7, 7));

        assertThat(outcome.published()).isFalse();
        assertThat(outcome.manifest().publication().reasons())
                .singleElement()
                .asString()
                .contains("not the end of a quarter");
        assertThat(new Warehouse(root).currentId()).isEmpty();
        assertThat(new Warehouse(root).releaseIds()).containsExactly(outcome.releaseId());
    }

    @Test
    void aSecondPublicationWithFewerThanKWomenChangedStaysInternal() throws Exception {
        ReleaseStage.Outcome first = stage().run(tablesAsOf(LocalDate.of(2012, 12, 31), 7, 7));
        ReleaseStage.Outcome second = stage().run(tablesAsOf(LocalDate.of(2013, 3, 31), 7, 7));

        assertThat(second.published()).isFalse();
        assertThat(second.manifest().publication().womenChanged()).isZero();
        assertThat(second.manifest().publication().comparedWith()).isEqualTo(first.releaseId());
        assertThat(new Warehouse(root).currentId()).contains(first.releaseId());
    }

    @Test
    void aBuildThatFailsLeavesNoReleaseAndNoStagingFolder() throws Exception {
        ReleaseStage.TableBuild failing = (staging, warehouseRoot) -> {
            Files.writeString(staging.resolve("half-written"), "x");
            throw new IllegalStateException("the job failed");
        };
        assertThatThrownBy(() -> stage().run(failing)).hasMessage("the job failed");
        assertThat(new Warehouse(root).releaseIds()).isEmpty();
        try (Stream<Path> left = Files.list(new Warehouse(root).releases())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aBuildThatReadFewerEventsThanTheLogHoldsIsRefused() {
        assertThatThrownBy(() -> stage().run(tablesAsOf(LocalDate.of(2012, 12, 31), 7, 6)))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("read 6 events but the log holds 7");
        assertThat(new Warehouse(root).releaseIds()).isEmpty();
    }
}
