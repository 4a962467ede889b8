package org.casetrail.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import org.junit.jupiter.api.Test;

/** The job jar's arguments: the flags of casetrail stream and replay, by the same names. */
class LaunchOptionsTest {

    private static LaunchOptions parsed(String... args) {
        return LaunchOptions.parse(List.of(args)).orElseThrow();
    }

    @Test
    void streamingByDefaultWithTheWarehousesLiveFolderCheckpointsAndSecret() {
        LaunchOptions o = parsed(
                "--bootstrap-server",
                "b1:9092,b2:9092",
                "--warehouse",
                "/shared/warehouse/",
                "--parallelism",
                "4",
                "--snapshot-interval=30");
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
        LaunchOptions o = parsed(
                "--bootstrap-server",
                "b:1",
                "--warehouse",
                "file:///shared/w",
                "--mode",
                "batch",
                "--out",
                "s3://bucket/snap",
                "--period",
                "month");
        assertThat(o.period()).isEqualTo(ReportingPeriod.MONTH);
        assertThat(o.secretFile()).isEqualTo(Path.of("/shared/w/perturbation.key"));
        LaunchOptions dated = parsed(
                "--bootstrap-server",
                "b:1",
                "--warehouse",
                "w",
                "--mode",
                "batch",
                "--out",
                "o",
                "--as-of",
                "2012-03-31");
        assertThat(dated.asOf()).isEqualTo(LocalDate.of(2012, 3, 31));
        assertThat(dated.period()).isNull();
    }

    @Test
    void anObjectStoreWarehouseNeedsTheSecretNamedAndWrongFlagsAreSaidPlainly() {
        assertThatThrownBy(
                        () -> LaunchOptions.parse(List.of("--bootstrap-server", "b:1", "--warehouse", "s3://bucket/w")))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("--perturbation-key");
        assertThat(parsed(
                                "--bootstrap-server",
                                "b:1",
                                "--warehouse",
                                "s3://bucket/w",
                                "--perturbation-key",
                                "/shared/perturbation.key")
                        .out())
                .isEqualTo("s3://bucket/w/live/case-events");
        assertThatThrownBy(
                        () -> LaunchOptions.parse(List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--k", "0")))
                .hasMessage("Invalid value for option '--k': a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--protection", "none")))
                .hasMessage("Invalid value for option '--protection': use perturbation or suppression, not 'none'");
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--jobmanager", "x")))
                .hasMessageStartingWith("Unknown options: '--jobmanager'");
        assertThatThrownBy(() -> OutcomeJob.Cluster.of("localhost", Path.of("j.jar")))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("HOST:PORT");
        assertThat(OutcomeJob.Cluster.of("10.0.0.5:8081", Path.of("j.jar")).port())
                .isEqualTo(8081);
    }

    @Test
    void theDefaultsAreTheReleasesDefaultsAndTheStreamsIntervals() {
        LaunchOptions o = parsed("--bootstrap-server", "b:1", "--warehouse", "/w");
        assertThat(o.disclosure()).isEqualTo(DisclosureSettings.defaults(SuppressionRule.DEFAULT_K));
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.snapshotInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.asOf()).isNull();
    }

    @Test
    void helpAsksForTheUsageWhichNamesEveryFlag() {
        assertThat(LaunchOptions.parse(List.of("--help"))).isEmpty();
        assertThat(LaunchOptions.usage())
                .startsWith("Usage: flink run casetrail-job.jar")
                .contains(
                        "--bootstrap-server",
                        "--warehouse",
                        "--topic",
                        "--mode",
                        "--out",
                        "--checkpoints",
                        "--perturbation-key",
                        "--as-of",
                        "--period",
                        "--k",
                        "--protection",
                        "--consent",
                        "--parallelism",
                        "--snapshot-interval",
                        "--checkpoint-interval")
                .contains("(default: case-events)", "(default: quarter)", "(default: 10)");
    }

    @Test
    void aMissingServerAWordForSecondsAndAnUnknownModeAreRefusedInOneLine() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--warehouse", "w")))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("--bootstrap-server")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--snapshot-interval", "ten")))
                .hasMessage("Invalid value for option '--snapshot-interval': a whole number of at least 1, not 'ten'");
        assertThatThrownBy(() -> LaunchOptions.parse(
                        List.of("--bootstrap-server", "b:1", "--warehouse", "w", "--mode", "continuous")))
                .hasMessage("Invalid value for option '--mode': use streaming or batch, not 'continuous'");
    }
}
