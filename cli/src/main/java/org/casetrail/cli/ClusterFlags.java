package org.casetrail.cli;

import java.nio.file.Path;
import org.casetrail.jobs.OutcomeJob;
import picocli.CommandLine.Option;

/**
 * Where replay and stream run the job: a local Flink, or a Flink cluster. The job's own flags are
 * {@link org.casetrail.jobs.options.JobFlags}, shared with the job jar; these are the CLI's alone.
 */
final class ClusterFlags {

    @Option(
            names = "--flink-master",
            paramLabel = "HOST:PORT",
            description =
                    "Run the job on this Flink cluster (its JobManager's REST address) instead of a local Flink. Its"
                            + " TaskManagers must see the warehouse at the same path as this machine (a shared mount).")
    String flinkMaster;

    @Option(
            names = "--job-jar",
            paramLabel = "JAR",
            description =
                    "With --flink-master, the job jar to ship (default: stream-jobs/target/casetrail-job.jar of this build).")
    Path jobJar;

    /** The cluster to submit to, or null for a local Flink. */
    OutcomeJob.Cluster cluster() {
        if (flinkMaster == null) {
            return null;
        }
        return OutcomeJob.Cluster.of(flinkMaster, jobJar != null ? jobJar : JobJar.locate());
    }
}
