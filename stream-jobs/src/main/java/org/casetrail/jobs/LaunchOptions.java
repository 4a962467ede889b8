package org.casetrail.jobs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;

/**
 * The arguments of the job jar ({@code flink run casetrail-job.jar ...}): the flags of
 * {@code casetrail stream} and {@code replay}, by the same names, plus {@code --mode}.
 *
 * @param warehouse      the warehouse folder, a path or a URI of Flink's file systems
 * @param out            where the snapshots go: the live root (streaming) or one snapshot's folder (batch)
 * @param checkpoints    the checkpoint folder (streaming), a URI every TaskManager can write
 * @param secretFile     the perturbation secret, a path every TaskManager reads (a shared mount)
 */
public record LaunchOptions(
        String bootstrapServers,
        String topic,
        boolean batch,
        String warehouse,
        String out,
        String checkpoints,
        Path secretFile,
        LocalDate asOf,
        ReportingPeriod period,
        DisclosureSettings disclosure,
        int parallelism,
        Duration snapshotInterval,
        Duration checkpointInterval) {

    static final String DEFAULT_TOPIC = "case-events";
    static final String USAGE = String.join(
            "\n",
            "usage: flink run casetrail-job.jar --bootstrap-server HOST:PORT[,...] --warehouse DIR|URI [options]",
            "  --mode streaming|batch       streaming (default): live snapshots under <warehouse>/live/<topic>;",
            "                               batch: one snapshot of the whole topic as it stands, into --out (not a release:",
            "                               publish with casetrail replay --flink-master, which audits and publishes)",
            "  --topic NAME                 events topic (default: case-events)",
            "  --out DIR|URI                where the snapshots go (batch: required)",
            "  --checkpoints DIR|URI        streaming checkpoints (default: <warehouse>/checkpoints/<topic>)",
            "  --perturbation-key PATH      the secret, at a path every TaskManager sees (default: <warehouse>/perturbation.key)",
            "  --as-of YYYY-MM-DD  --period month|quarter|year  --k N  --protection perturbation|suppression",
            "  --consent unless-withdrawn|explicit  --parallelism N  --snapshot-interval SECONDS  --checkpoint-interval SECONDS");

    private static final Set<String> FLAGS = Set.of(
            "bootstrap-server",
            "topic",
            "mode",
            "warehouse",
            "out",
            "checkpoints",
            "perturbation-key",
            "as-of",
            "period",
            "k",
            "protection",
            "consent",
            "parallelism",
            "snapshot-interval",
            "checkpoint-interval");

    /** Parses {@code --name value} pairs; a {@link JobException} says what is wrong. */
    public static LaunchOptions parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            String value = null;
            if (name != null && name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (name != null && i + 1 < args.size()) {
                value = args.get(++i);
            }
            if (name == null || !FLAGS.contains(name)) {
                throw new JobException("unknown argument '" + arg + "'\n" + USAGE);
            }
            if (value == null) {
                throw new JobException("--" + name + " needs a value");
            }
            given.put(name, value);
        }
        String bootstrap = required(given, "bootstrap-server");
        String warehouse = stripSlash(required(given, "warehouse"));
        String topic = given.getOrDefault("topic", DEFAULT_TOPIC);
        String mode = given.getOrDefault("mode", "streaming");
        if (!mode.equals("streaming") && !mode.equals("batch")) {
            throw new JobException("--mode is streaming or batch, not '" + mode + "'");
        }
        boolean batch = mode.equals("batch");
        String out = uri(batch ? required(given, "out") : given.getOrDefault("out", warehouse + "/live/" + topic));
        String checkpoints = uri(given.getOrDefault("checkpoints", warehouse + "/checkpoints/" + topic));
        Path secret = given.containsKey("perturbation-key")
                ? Path.of(given.get("perturbation-key"))
                : localPath(warehouse)
                        .map(w -> w.resolve(PerturbationSecret.FILE_NAME))
                        .orElseThrow(() -> new JobException("the warehouse " + warehouse
                                + " is not a local path, so name the perturbation secret with --perturbation-key"
                                + " (a path every TaskManager sees)"));
        LocalDate asOf = null;
        if (given.containsKey("as-of")) {
            try {
                asOf = LocalDate.parse(given.get("as-of"));
            } catch (DateTimeParseException e) {
                throw new JobException("--as-of is a date YYYY-MM-DD, not '" + given.get("as-of") + "'");
            }
        }
        ReportingPeriod period = null;
        if (batch && asOf == null) {
            period = flag(
                    ReportingPeriod.values(),
                    given.getOrDefault("period", ReportingPeriod.QUARTER.flag()),
                    ReportingPeriod::flag,
                    "--period");
        }
        Protection protection = flag(
                Protection.values(),
                given.getOrDefault("protection", Protection.PERTURBATION.flag()),
                Protection::flag,
                "--protection");
        ConsentBasis consent = flag(
                ConsentBasis.values(),
                given.getOrDefault("consent", "unless-withdrawn"),
                ConsentBasis::flag,
                "--consent");
        int k = positive(given, "k", SuppressionRule.DEFAULT_K);
        return new LaunchOptions(
                bootstrap,
                topic,
                batch,
                warehouse,
                out,
                checkpoints,
                secret,
                asOf,
                period,
                new DisclosureSettings(k, protection, PerturbationTable.CURRENT, consent),
                positive(given, "parallelism", 2),
                Duration.ofSeconds(positive(given, "snapshot-interval", 10)),
                Duration.ofSeconds(positive(given, "checkpoint-interval", 5)));
    }

    /** The local file system path of a folder given as a path or a file: URI; empty for any other scheme. */
    static Optional<Path> localPath(String pathOrUri) {
        URI uri = URI.create(pathOrUri.replace(" ", "%20"));
        if (uri.getScheme() == null) {
            return Optional.of(Path.of(pathOrUri).toAbsolutePath());
        }
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    /**
     * A folder as a URI with its scheme: a path becomes an absolute file: URI. The TaskManagers
     * resolve it, not this client, so a relative path would mean another folder there, and Flink
     * refuses a checkpoint folder without a scheme.
     */
    static String uri(String pathOrUri) {
        if (URI.create(pathOrUri.replace(" ", "%20")).getScheme() != null) {
            return pathOrUri;
        }
        try {
            return new URI(
                            "file",
                            null,
                            Path.of(pathOrUri).toAbsolutePath().normalize().toString(),
                            null)
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new JobException("'" + pathOrUri + "' is not a usable folder name");
        }
    }

    private static String stripSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            throw new JobException("--" + name + " is required\n" + USAGE);
        }
        return value;
    }

    private static int positive(Map<String, String> given, String name, int otherwise) {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new JobException("--" + name + " is a whole number of at least 1, not '" + value + "'");
    }

    private static <T> T flag(T[] values, String value, java.util.function.Function<T, String> flagOf, String option) {
        for (T v : values) {
            if (flagOf.apply(v).equals(value)) {
                return v;
            }
        }
        throw new JobException(option + " is one of "
                + java.util.Arrays.stream(values).map(flagOf).toList() + ", not '" + value + "'");
    }
}
