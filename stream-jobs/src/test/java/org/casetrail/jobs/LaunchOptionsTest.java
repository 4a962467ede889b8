package org.casetrail.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import org.junit.jupiter.api.Test;

/** The job jar's arguments: the flags of casetrail stream and replay, by the same names. */
class LaunchOptionsTest {

    @Test
    void streamingByDefaultWithTheWarehousesLiveFolderCheckpointsAndSecret() {
        LaunchOptions o = LaunchOptions.parse(List.of(
                "--bootstrap-server",
                "b1:9092,b2:9092",
                "--warehouse",
                "/shared/warehouse/",
                "--parallelism",
                "4",
                "--snapshot-interval=30"));
        assertThat(o.batch()).isFalse();
        assertThat(o.topic()).isEqualTo("case-events");
        // URIs with their scheme: the TaskManagers resolve them, and Flink wants a scheme for checkpoints.
        assertThat(o.out()).isEqualTo("file:/shared/warehouse/live/case-events");
        assertThat(o.checkpoints()).isEqualTo("file:/shared/warehouse/checkpoints/case-events");
        assertThat(o.secretFile()).isEqualTo(Path.of("/shared/warehouse/perturbation.key"));
        assertThat(o.parallelism()).isEqualTo(4);
        assertThat(o.snapshotInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.disclosure().protection()).isEqualTo(Protection.PERTURBATION);
        assertThat(o.disclosure().k()).isEqualTo(10);
        assertThat(o.period()).isNull();
    }

    @Test
    void batchNeedsAnOutputFolderAndTakesThePeriodOrAsOf() {
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--mode", "batch")))
                .isInstanceOf(JobException.class)
                .hasMessageStartingWith("--out is required");
        LaunchOptions o = LaunchOptions.parse(List.of(
                "--bootstrap-server",
                "b:1",
                "--warehouse",
                "file:///shared/w",
                "--mode",
                "batch",
                "--out",
                "s3://bucket/snap",
                "--period",
                "month"));
        assertThat(o.period()).isEqualTo(ReportingPeriod.MONTH);
        assertThat(o.secretFile()).isEqualTo(Path.of("/shared/w/perturbation.key"));
        LaunchOptions dated = LaunchOptions.parse(List.of(
                "--bootstrap-server",
                "b:1",
                "--warehouse",
                "w",
                "--mode",
                "batch",
                "--out",
                "o",
                "--as-of",
                "2012-03-31"));
        assertThat(dated.asOf()).isEqualTo(LocalDate.of(2012, 3, 31));
        assertThat(dated.period()).isNull();
    }

    @Test
    void anObjectStoreWarehouseNeedsTheSecretNamedAndWrongFlagsAreSaidPlainly() {
        assertThatThrownBy(
                        () -> LaunchOptions.parse(List.of("--bootstrap-server", "b:1", "--warehouse", "s3://bucket/w")))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("--perturbation-key");
        assertThat(LaunchOptions.parse(List.of(
                                "--bootstrap-server",
                                "b:1",
                                "--warehouse",
                                "s3://bucket/w",
                                "--perturbation-key",
                                "/shared/perturbation.key"))
                        .out())
                .isEqualTo("s3://bucket/w/live/case-events");
        assertThatThrownBy(
                        () -> LaunchOptions.parse(List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--k", "0")))
                .hasMessage("--k is a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--protection", "none")))
                .hasMessage("--protection is one of [perturbation, suppression], not 'none'");
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--jobmanager", "x")))
                .hasMessageStartingWith("unknown argument '--jobmanager'");
        assertThatThrownBy(() -> OutcomeJob.Cluster.of("localhost", Path.of("j.jar")))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("HOST:PORT");
        assertThat(OutcomeJob.Cluster.of("10.0.0.5:8081", Path.of("j.jar")).port())
                .isEqualTo(8081);
    }
}
