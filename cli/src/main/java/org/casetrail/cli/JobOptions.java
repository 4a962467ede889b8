package org.casetrail.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.release.DisclosureSettings;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import picocli.CommandLine.Option;

/** The options replay and stream share: where the log and the warehouse are, and the release's settings. */
final class JobOptions {

    @Option(names = "--bootstrap-server", required = true, description = "Kafka broker(s), HOST:PORT[,HOST:PORT...].")
    String bootstrapServer;

    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(
            names = "--topic",
            defaultValue = EventLogTopics.DEFAULT_EVENTS,
            description = "Events topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--as-of",
            description = "Reference date YYYY-MM-DD (replay default: the last end of --period on or before"
                    + " the latest event date; stream default: the latest event date).")
    LocalDate asOf;

    @Option(
            names = "--k",
            defaultValue = "" + SuppressionRule.DEFAULT_K,
            description = "Withhold rows describing fewer than k women (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--protection",
            defaultValue = "perturbation",
            converter = ProtectionFlag.class,
            description =
                    "perturbation (small consistent noise, rollup rows; safe to publish repeatedly) or suppression"
                            + " (exact counts, cell suppression, no rollups; for a one-off exact publication). Default: ${DEFAULT-VALUE}.")
    Protection protection;

    @Option(
            names = "--consent",
            defaultValue = "unless-withdrawn",
            converter = ConsentFlag.class,
            description =
                    "unless-withdrawn (count every woman unless her latest consent refuses research use) or explicit"
                            + " (only women whose latest consent allows it). Default: ${DEFAULT-VALUE}.")
    ConsentBasis consent;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

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

    DisclosureSettings disclosure() {
        return new DisclosureSettings(k, protection, PerturbationTable.CURRENT, consent);
    }

    /** The cluster to submit to, or null for a local Flink. */
    OutcomeJob.Cluster cluster() {
        if (flinkMaster == null) {
            return null;
        }
        return OutcomeJob.Cluster.of(flinkMaster, jobJar != null ? jobJar : JobJar.locate());
    }

    void validate(picocli.CommandLine.Model.CommandSpec spec) {
        if (k < 1 || parallelism < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--k and --parallelism must be at least 1");
        }
    }

    /** A closed vocabulary as a flag: the value's name in lower case, '-' for '_' (unless-withdrawn). */
    abstract static class FlagOf<E extends Enum<E>> implements picocli.CommandLine.ITypeConverter<E> {
        private final Class<E> type;

        FlagOf(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            List<String> flags = new ArrayList<>();
            for (E candidate : type.getEnumConstants()) {
                String flag = candidate.name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (flag.equals(value)) {
                    return candidate;
                }
                flags.add(flag);
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "use " + String.join(" or ", flags) + ", not '" + value + "'");
        }
    }

    static final class ProtectionFlag extends FlagOf<Protection> {
        ProtectionFlag() {
            super(Protection.class);
        }
    }

    static final class ConsentFlag extends FlagOf<ConsentBasis> {
        ConsentFlag() {
            super(ConsentBasis.class);
        }
    }

    static final class PeriodFlag extends FlagOf<ReportingPeriod> {
        PeriodFlag() {
            super(ReportingPeriod.class);
        }
    }
}
