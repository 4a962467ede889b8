package org.casetrail.jobs.options;

import org.casetrail.schemas.release.ReportingPeriod;
import picocli.CommandLine.Option;

/** The reporting period of a release ({@code casetrail replay}, the job jar's batch mode). */
public final class PeriodFlag {

    public static final String DEFAULT_PERIOD = "quarter";

    @Option(
            names = "--period",
            defaultValue = DEFAULT_PERIOD,
            converter = FlagOf.ForPeriod.class,
            description = "Reporting period of public releases: month, quarter or year (default: ${DEFAULT-VALUE}).")
    public ReportingPeriod period;
}
