package org.casetrail.jobs.options;

import java.time.LocalDate;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.Protection;
import picocli.CommandLine.Option;

/**
 * The flags every run of the outcome job takes, in {@code casetrail replay}, {@code casetrail stream}
 * and the job jar alike: where the log and the warehouse are, and the release's settings. A picocli
 * mixin; its fields are the flags as given, its methods what follows from them.
 */
public final class JobFlags {

    public static final int DEFAULT_PARALLELISM = 2;
    public static final String DEFAULT_PROTECTION = "perturbation";
    public static final String DEFAULT_CONSENT = "unless-withdrawn";

    @Option(names = "--bootstrap-server", required = true, description = "Kafka broker(s), HOST:PORT[,HOST:PORT...].")
    public String bootstrapServer;

    /** A path, or for the job jar also a URI of Flink's file systems; see {@link #folders()}. */
    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    public String warehouse;

    @Option(
            names = "--topic",
            defaultValue = EventLogTopics.DEFAULT_EVENTS,
            description = "Events topic (default: ${DEFAULT-VALUE}).")
    public String topic;

    @Option(
            names = "--as-of",
            description = "Reference date YYYY-MM-DD (replay default: the last end of --period on or before"
                    + " the latest event date; stream default: the latest event date).")
    public LocalDate asOf;

    @Option(
            names = "--k",
            defaultValue = "" + SuppressionRule.DEFAULT_K,
            converter = AtLeastOne.class,
            description = "Withhold rows describing fewer than k women (default: ${DEFAULT-VALUE}).")
    public int k;

    @Option(
            names = "--protection",
            defaultValue = DEFAULT_PROTECTION,
            converter = FlagOf.ForProtection.class,
            description =
                    "perturbation (small consistent noise, rollup rows; safe to publish repeatedly) or suppression"
                            + " (exact counts, cell suppression, no rollups; for a one-off exact publication). Default: ${DEFAULT-VALUE}.")
    public Protection protection;

    @Option(
            names = "--consent",
            defaultValue = DEFAULT_CONSENT,
            converter = FlagOf.ForConsent.class,
            description =
                    "unless-withdrawn (count every woman unless her latest consent refuses research use) or explicit"
                            + " (only women whose latest consent allows it). Default: ${DEFAULT-VALUE}.")
    public ConsentBasis consent;

    @Option(
            names = "--parallelism",
            defaultValue = "" + DEFAULT_PARALLELISM,
            converter = AtLeastOne.class,
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    public int parallelism;

    public DisclosureSettings disclosure() {
        return new DisclosureSettings(k, protection, PerturbationTable.CURRENT, consent);
    }

    /** Where this run's files are in the warehouse. */
    public JobFolders folders() {
        return new JobFolders(warehouse, topic);
    }
}
