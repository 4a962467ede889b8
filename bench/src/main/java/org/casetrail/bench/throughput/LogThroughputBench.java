package org.casetrail.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.casetrail.cli.EmbeddedKafkaBroker;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.EventLogTopics;
import org.casetrail.warehouse.release.ReleaseManifest;
import org.casetrail.warehouse.release.Warehouse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest and replay measured side by side with the log they read and write, in one run on the
 * same data: a synthetic case-load of about {@code --events} records, a broker of our own, then
 * (1) the export's lines produced plainly, (2) {@code casetrail ingest} of the same export, then of
 * the same women as an HTCDS v2 workbook through the shipped mapping against the records that
 * mapping makes as JSON Lines ({@link SpreadsheetIngest}),
 * (3) the events topic consumed plainly to its end, (4) {@code casetrail replay} of it, and
 * (5) the latency of the report queries on the release it made. Ingest and replay run as the
 * real command in child JVMs, so their wall time and peak memory are what a user gets; the plain
 * clients, the baselines, run the same way, each in a new JVM with the commands' options, and
 * once more inside the bench's own warm JVM, so that each ratio can be read against both.
 */
@Command(
        name = "bench/run",
        mixinStandardHelpOptions = true,
        description = {
            "Measure ingest and replay against the plain speed of the log, on one generated case-load.",
            "Prints a table and writes JSON to the results folder. 'bench/run jmh ...' runs the JMH benchmarks instead."
        })
public final class LogThroughputBench implements Callable<Integer> {

    /** Records per case in a synthetic export of 15 years (20,000 cases made 445,606 records). */
    static final double RECORDS_PER_CASE = 445_606 / 20_000.0;
    /** From this many cases on, the export spans its full 15 years and records per case stay put. */
    private static final int FULL_YEARS_CASES = SyntheticExport.Settings.MOST_DEFAULT_YEARS * 250;

    static final String PLAIN_TOPIC = "bench-export-lines";
    static final String PLAIN_TOPIC_WARM = "bench-export-lines-warm";
    static final int PARTITIONS = 3;

    static final String PLAIN_PRODUCE = "plain produce";
    static final String INGEST = "casetrail ingest";
    static final String PLAIN_PRODUCE_WARM = "plain produce, warm";
    static final String PLAIN_CONSUME = "plain consume";
    static final String PLAIN_CONSUME_WARM = "plain consume, warm";
    static final String PLAIN_FLINK_READ = FlinkGrouping.NONE.step();
    static final String PLAIN_FLINK_GROUPED = FlinkGrouping.KEYED_SORT.step();
    static final String REPLAY = "casetrail replay";
    static final String REPLAY_JOB = "  of which the job";
    private static final String WARM_UP_TOPIC = "warm-up-events";
    /** casetrail replay's default --parallelism, which the plain Flink jobs run with too. */
    private static final int REPLAY_PARALLELISM = 2;

    private static final Pattern INGESTED = Pattern.compile("read (\\d+), accepted (\\d+), rejected (\\d+)");
    private static final Pattern REPLAYED = Pattern.compile("release (\\S+): (\\d+) events read");
    private static final Pattern JOB_TIME = Pattern.compile("of which the Flink job (\\d+\\.\\d+) s");

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "About this many export records (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--seed",
            defaultValue = "2009",
            description = "Seed of the synthetic export (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--workdir",
            description =
                    "Working folder for the export, broker log and warehouse (default: a new temporary folder, deleted after the run).")
    Path workdir;

    @Option(names = "--keep", description = "Keep the working folder.")
    boolean keep;

    @Option(
            names = "--results",
            defaultValue = "bench/results",
            description = "Folder of the JSON results (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(
            names = "--cli-classpath",
            description = "Classpath of the casetrail CLI for the child JVMs (default: this JVM's).")
    String cliClasspath;

    @Option(
            names = "--cli-java-opts",
            defaultValue = "-Xmx2g",
            description =
                    "JVM options of the ingest and replay processes (default: ${DEFAULT-VALUE}; bench/run passes those of cli/jvm.options, as ./casetrail).")
    String cliJavaOpts;

    @Option(
            names = "--launcher",
            description = "Run ingest and replay through this casetrail script, as a user does, class-data"
                    + " archives included (bench/run passes ./casetrail); a small ingest and replay first make sure the archives exist."
                    + " Default: plain java on --cli-classpath.")
    Path launcher;

    @Option(
            names = "--ceilings",
            description = "Also run the plain Flink jobs that group by case other ways: without Flink's keyed"
                    + " shuffle (per split, reinterpreted as keyed, sort partition) or without its sort (STREAMING"
                    + " keyed), each against 'plain flink, grouped': how much higher the replay's ceiling could be.")
    boolean ceilings;

    @Option(
            names = "--profile",
            description = "Record a JFR profile of ingest and of replay into this folder (ingest.jfr, replay.jfr).")
    Path profile;

    /**
     * What to run on and how.
     *
     * @param clientClasspath the classpath of the plain clients' JVMs: the bench's classes and their dependencies
     * @param ceilings        the plain Flink jobs to run beyond {@code read} and {@code grouped} ({@code --ceilings}:
     *                        {@link FlinkGrouping#ceilings()}), each in that order after {@code grouped}
     */
    public record Settings(
            long events,
            long seed,
            Path workdir,
            String cliClasspath,
            String clientClasspath,
            List<String> cliJvmOptions,
            Path profile,
            Path launcher,
            List<FlinkGrouping> ceilings) {

        public Settings {
            ceilings = List.copyOf(ceilings);
        }
    }

    public static void main(String[] args) {
        // The broker in this JVM would otherwise log at INFO; what the bench says is the table.
        Configurator.setRootLevel(Level.ERROR);
        CommandLine cli = new CommandLine(new LogThroughputBench());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr()
                    .println("bench: "
                            + (e instanceof BenchException
                                    ? e.getMessage()
                                    : "failed (" + e.getClass().getSimpleName()
                                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (events < 100) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--events must be at least 100");
        }
        boolean temporary = workdir == null;
        Path dir = temporary ? Files.createTempDirectory("casetrail-bench-") : workdir;
        try {
            Settings settings = new Settings(
                    events,
                    seed,
                    dir,
                    cliClasspath != null ? cliClasspath : System.getProperty("java.class.path"),
                    System.getProperty("java.class.path"),
                    Arrays.stream(cliJavaOpts.trim().split("\\s+"))
                            .filter(s -> !s.isEmpty())
                            .toList(),
                    profile,
                    launcher == null ? null : launcher.toAbsolutePath(),
                    ceilings ? FlinkGrouping.ceilings() : List.of());
            ThroughputReport report = run(settings, line -> {
                System.out.println("- " + line);
                System.out.flush();
            });
            System.out.println();
            report.print(System.out);
            System.out.printf(
                    Locale.ROOT,
                    "%s against the same records as JSON Lines: %.2f (the goal: 0.8 at least)%n",
                    SpreadsheetIngest.XLSX,
                    report.step(SpreadsheetIngest.XLSX).ratio());
            System.out.printf(
                    Locale.ROOT,
                    "replay against %s: %.2f (the share of the fastest a Flink replay could go that it reaches)%n",
                    PLAIN_FLINK_GROUPED,
                    report.step(REPLAY).rate()
                            / report.step(PLAIN_FLINK_GROUPED).rate());
            for (FlinkGrouping ceiling : settings.ceilings()) {
                System.out.printf(
                        Locale.ROOT,
                        "%s against %s: %.2f%n",
                        ceiling.step(),
                        PLAIN_FLINK_GROUPED,
                        report.step(ceiling.step()).rate()
                                / report.step(PLAIN_FLINK_GROUPED).rate());
            }
            Path json = results.resolve(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                            .withZone(ZoneOffset.UTC)
                            .format(Instant.parse(report.startedAt()))
                    + "-" + events + "-events.json");
            report.writeJson(json);
            System.out.println("written: " + json);
            return report.agrees() ? 0 : 1;
        } finally {
            if (temporary && !keep) {
                deleteRecursively(dir);
            } else {
                System.out.println("working folder kept: " + dir);
            }
        }
    }

    /** Says what the run is doing, one line at a time. */
    public interface Progress {
        void say(String line);
    }

    /** The whole comparison; every child run is bounded by a time limit that grows with the events. */
    public static ThroughputReport run(Settings settings, Progress progress) throws Exception {
        String startedAt = Instant.now().toString();
        double loadAtStart = ThroughputReport.Machine.loadAverage();
        Files.createDirectories(settings.workdir());
        Duration limit = Duration.ofSeconds(180 + settings.events() / 1000);
        int cases = casesFor(settings.events(), settings.seed());
        SyntheticExport.Settings generated = SyntheticExport.Settings.defaults(cases, settings.seed());

        Path export = settings.workdir().resolve("export.jsonl");
        progress.say("generating " + cases + " cases into " + export);
        SyntheticExport.Written written = SyntheticExport.write(generated, export, SyntheticExport.Format.JSONL);
        Path keyFile = settings.workdir().resolve("bench.key");
        Files.deleteIfExists(keyFile);
        PseudonymKey.create(keyFile);
        Path warehouse = settings.workdir().resolve("warehouse");
        CasetrailProcess casetrail =
                new CasetrailProcess(settings.cliClasspath(), settings.cliJvmOptions(), settings.launcher());
        // With the launcher's archives for the commands, the plain clients get archives of their own.
        PlainClientProcess plain = new PlainClientProcess(
                settings.clientClasspath(),
                settings.cliJvmOptions(),
                settings.launcher() == null ? null : settings.workdir().resolve("client-archives"));

        List<ThroughputReport.Step> steps = new ArrayList<>();
        List<ThroughputReport.Check> checks = new ArrayList<>();
        Path release;
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(settings.workdir().resolve("kafka"), 0)) {
            String bootstrap = broker.bootstrapServers();
            progress.say("broker on " + bootstrap + "; " + written.records() + " records to go");
            if (settings.launcher() != null) {
                progress.say("0. a small ingest and replay through " + settings.launcher()
                        + ", so that the measured runs start as every run after a command's first does");
                warmUp(casetrail, plain, settings, bootstrap, keyFile, limit);
            }

            progress.say("1. " + PLAIN_PRODUCE + ", in a JVM of its own");
            PlainClientProcess.Ran produced = plain.produce(
                    PLAIN_PRODUCE,
                    limit,
                    settings.workdir().resolve("plain-produce.out"),
                    bootstrap,
                    PLAIN_TOPIC,
                    PARTITIONS,
                    export);
            progress.say("1w. " + PLAIN_PRODUCE_WARM + ": the same in the bench's own JVM, which hosts the broker");
            PlainProduce.Produced warmProduced = PlainProduce.send(bootstrap, PLAIN_TOPIC_WARM, PARTITIONS, export);
            Baseline produce = new Baseline(
                    produced.result().records() / produced.finished().seconds(),
                    warmProduced.records() / warmProduced.seconds());
            steps.add(produce.step(
                    PLAIN_PRODUCE,
                    produced.result().records(),
                    produced.finished().seconds(),
                    produced.finished().peakRssBytes(),
                    "export lines sent with ingest's producer settings, to flush, by a client in"
                            + " a new JVM started as the commands are: the baseline"));
            steps.add(
                    produce.step(
                            PLAIN_PRODUCE_WARM,
                            warmProduced.records(),
                            warmProduced.seconds(),
                            -1,
                            "the same client inside the bench's JVM (warm, beside the broker), timed from its creation to flush"));
            checks.add(new ThroughputReport.Check(
                    "plain produce sent every export line",
                    written.records(),
                    produced.result().records()));
            checks.add(new ThroughputReport.Check(
                    "warm plain produce sent every export line", written.records(), warmProduced.records()));

            progress.say("2. " + INGEST);
            ChildJvm.Finished ingest = casetrail.run(
                    INGEST,
                    limit,
                    settings.workdir().resolve("ingest.out"),
                    profiling(settings, "ingest"),
                    "ingest",
                    "--bootstrap-server",
                    bootstrap,
                    "--key-file",
                    keyFile.toString(),
                    export.toString());
            Matcher ingested = INGESTED.matcher(ingest.output());
            if (ingest.status() != 0 || !ingested.find()) {
                throw new BenchException("casetrail ingest failed (exit " + ingest.status() + "); its output is in "
                        + settings.workdir().resolve("ingest.out"));
            }
            long read = Long.parseLong(ingested.group(1));
            long accepted = Long.parseLong(ingested.group(2));
            long rejected = Long.parseLong(ingested.group(3));
            steps.add(produce.step(
                    INGEST,
                    read,
                    ingest.seconds(),
                    ingest.peakRssBytes(),
                    "the CLI's wall time, JVM start-up included"));
            checks.add(new ThroughputReport.Check("ingest read every export line", written.records(), read));
            checks.add(new ThroughputReport.Check("accepted + rejected = read", read, accepted + rejected));
            checks.add(new ThroughputReport.Check("rejected = deliberately malformed", written.malformed(), rejected));

            progress.say("2h. " + SpreadsheetIngest.XLSX.strip() + " and " + SpreadsheetIngest.SAME_AS_JSONL.strip()
                    + ": the same " + cases + " women as an HTCDS v2 workbook, through the shipped mapping,"
                    + " and the records it makes as JSON Lines");
            SpreadsheetIngest spreadsheet = new SpreadsheetIngest(settings, casetrail);
            if (settings.launcher() != null) {
                spreadsheet.warmUp(bootstrap, keyFile, limit);
            }
            SpreadsheetIngest.Measured mapped =
                    spreadsheet.measure(spreadsheet.write(cases, "cases"), bootstrap, keyFile, limit);
            steps.addAll(mapped.steps());
            checks.addAll(mapped.checks());

            progress.say("3. " + PLAIN_CONSUME + ", in a JVM of its own");
            PlainClientProcess.Ran consumed = plain.consume(
                    PLAIN_CONSUME,
                    limit,
                    settings.workdir().resolve("plain-consume.out"),
                    bootstrap,
                    EventLogTopics.DEFAULT_EVENTS);
            progress.say("3w. " + PLAIN_CONSUME_WARM + ": the same in the bench's own JVM");
            PlainConsume.Consumed warmConsumed =
                    PlainConsume.readToEnd(bootstrap, EventLogTopics.DEFAULT_EVENTS, limit);
            Baseline consume = new Baseline(
                    consumed.result().records() / consumed.finished().seconds(),
                    warmConsumed.records() / warmConsumed.seconds());
            steps.add(consume.step(
                    PLAIN_CONSUME,
                    consumed.result().records(),
                    consumed.finished().seconds(),
                    consumed.finished().peakRssBytes(),
                    "events topic read to its end offsets, read_committed, by a client in a new"
                            + " JVM started as the commands are: the baseline"));
            steps.add(consume.step(
                    PLAIN_CONSUME_WARM,
                    warmConsumed.records(),
                    warmConsumed.seconds(),
                    -1,
                    "the same client inside the bench's JVM (warm, beside the broker)"));
            checks.add(new ThroughputReport.Check(
                    "events consumed = accepted", accepted, consumed.result().records()));
            checks.add(new ThroughputReport.Check(
                    "events consumed = end offsets",
                    consumed.result().endOffsets(),
                    consumed.result().records()));
            checks.add(new ThroughputReport.Check(
                    "warm consume read as many events", consumed.result().records(), warmConsumed.records()));

            progress.say("3f. " + PLAIN_FLINK_READ + " and " + PLAIN_FLINK_GROUPED
                    + ": the topic counted by Flink jobs that do the least a replay does, each in a JVM of its own");
            PlainClientProcess.Ran flinkGrouped = null;
            List<FlinkGrouping> flinkJobs = new ArrayList<>(List.of(FlinkGrouping.NONE, FlinkGrouping.KEYED_SORT));
            flinkJobs.addAll(settings.ceilings());
            for (FlinkGrouping grouping : flinkJobs) {
                if (!settings.ceilings().isEmpty()
                        && grouping == settings.ceilings().get(0)) {
                    progress.say("3c. "
                            + settings.ceilings().stream()
                                    .map(FlinkGrouping::step)
                                    .collect(Collectors.joining(", "))
                            + ": grouped by case without Flink's keyed shuffle, each in a JVM of its own");
                }
                PlainClientProcess.Ran ran = plain.flink(
                        grouping.step(),
                        grouping,
                        limit,
                        settings.workdir().resolve("plain-" + grouping.client() + ".out"),
                        bootstrap,
                        EventLogTopics.DEFAULT_EVENTS,
                        REPLAY_PARALLELISM);
                steps.add(consume.step(
                        grouping.step(),
                        ran.result().records(),
                        ran.finished().seconds(),
                        ran.finished().peakRssBytes(),
                        grouping.measures()));
                checks.add(new ThroughputReport.Check(
                        grouping.step() + " counted every event consumed",
                        consumed.result().records(),
                        ran.result().records()));
                if (grouping == FlinkGrouping.KEYED_SORT) {
                    flinkGrouped = ran;
                } else if (grouping.groups()) {
                    checks.add(new ThroughputReport.Check(
                            grouping.step() + " counted as many cases as " + PLAIN_FLINK_GROUPED,
                            flinkGrouped.result().cases(),
                            ran.result().cases()));
                }
            }

            progress.say("4. " + REPLAY);
            ChildJvm.Finished replay = casetrail.run(
                    REPLAY,
                    limit,
                    settings.workdir().resolve("replay.out"),
                    profiling(settings, "replay"),
                    "replay",
                    "--bootstrap-server",
                    bootstrap,
                    "--warehouse",
                    warehouse.toString());
            Matcher replayed = REPLAYED.matcher(replay.output());
            // Exit 0 is success, whether or not the release became the current one.
            if (replay.status() != 0 || !replayed.find()) {
                throw new BenchException("casetrail replay failed (exit " + replay.status() + "); its output is in "
                        + settings.workdir().resolve("replay.out"));
            }
            String releaseId = replayed.group(1);
            long replayedEvents = Long.parseLong(replayed.group(2));
            steps.add(consume.step(
                    REPLAY,
                    replayedEvents,
                    replay.seconds(),
                    replay.peakRssBytes(),
                    "the CLI's wall time, JVM and Flink start-up, audit and publication included"));
            Matcher job = JOB_TIME.matcher(replay.output());
            if (!job.find()) {
                throw new BenchException("casetrail replay did not say how long its Flink job ran; its output is in "
                        + settings.workdir().resolve("replay.out"));
            }
            double jobSeconds = Double.parseDouble(job.group(1));
            steps.add(consume.step(
                    REPLAY_JOB,
                    replayedEvents,
                    jobSeconds,
                    -1,
                    "the Flink job alone (its net run time, as the replay prints it): what is left once start-up, the audit "
                            + "and publication are taken away"));
            release = new Warehouse(warehouse).releases().resolve(releaseId);
            ReleaseManifest manifest = new Warehouse(warehouse).manifest(release);
            checks.add(new ThroughputReport.Check(
                    "replay manifest events_read = events consumed",
                    consumed.result().records(),
                    manifest.source().eventsRead()));
            checks.add(new ThroughputReport.Check(
                    "replay printed events read = manifest", manifest.source().eventsRead(), replayedEvents));
        }
        // The queries need no broker; with it stopped, its background work (flushes, retention
        // checks) no longer shares the cores and the heap with what is measured.
        progress.say("5. report queries on release " + release.getFileName() + ", the broker stopped");
        int year = generated.startYear() + generated.years() / 2;
        List<ReportQueries.Latency> queries = ReportQueries.measure(release, year, 3, 20);
        long headlineRows = queries.stream()
                .filter(q -> q.query().startsWith("headline"))
                .mapToLong(ReportQueries.Latency::rows)
                .sum();
        checks.add(new ThroughputReport.Check("headline queries returned rows", 1, headlineRows > 0 ? 1 : 0));
        return new ThroughputReport(
                startedAt,
                new ThroughputReport.Machine(
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                        settings.cliJvmOptions(),
                        settings.launcher() == null ? "java -cp" : settings.launcher() + " (class-data archives)",
                        loadAtStart,
                        ThroughputReport.Machine.loadAverage()),
                new ThroughputReport.Data(
                        settings.events(),
                        cases,
                        settings.seed(),
                        written.records(),
                        written.malformed(),
                        Files.size(export),
                        release.getFileName().toString()),
                steps,
                queries,
                checks);
    }

    /**
     * A plain client's two rates: in a JVM of its own (the baseline) and warm inside the bench.
     * Every step measured against that client is a rate and its ratios to both.
     */
    private record Baseline(double rate, double warmRate) {

        ThroughputReport.Step step(String name, long records, double seconds, long peakRssBytes, String measures) {
            double stepRate = records / seconds;
            return new ThroughputReport.Step(
                    name, records, seconds, stepRate, stepRate / rate, stepRate / warmRate, peakRssBytes, measures);
        }
    }

    /**
     * The launcher records a command's class-data archive on its first good run, which costs that
     * run seconds; these runs, on a topic and warehouse of their own, take that cost, for the
     * commands and for the plain clients alike.
     */
    private static void warmUp(
            CasetrailProcess casetrail,
            PlainClientProcess plain,
            Settings settings,
            String bootstrap,
            Path keyFile,
            Duration limit)
            throws Exception {
        Path export = settings.workdir().resolve("warm-up.jsonl");
        SyntheticExport.write(
                SyntheticExport.Settings.defaults(200, settings.seed()), export, SyntheticExport.Format.JSONL);
        Path output = settings.workdir().resolve("warm-up.out");
        ChildJvm.Finished ingest = casetrail.run(
                "warm-up ingest",
                limit,
                output,
                List.of(),
                "ingest",
                "--bootstrap-server",
                bootstrap,
                "--key-file",
                keyFile.toString(),
                "--topic",
                WARM_UP_TOPIC,
                export.toString());
        ChildJvm.Finished replay = ingest.status() != 0
                ? ingest
                : casetrail.run(
                        "warm-up replay",
                        limit,
                        output,
                        List.of(),
                        "replay",
                        "--bootstrap-server",
                        bootstrap,
                        "--topic",
                        WARM_UP_TOPIC,
                        "--warehouse",
                        settings.workdir().resolve("warm-up-warehouse").toString());
        if (replay.status() != 0) {
            throw new BenchException("the warm-up through " + settings.launcher() + " failed (exit " + replay.status()
                    + "); its output is in " + output);
        }
        plain.produce(
                "warm-up plain produce",
                limit,
                settings.workdir().resolve("warm-up-plain-produce.out"),
                bootstrap,
                WARM_UP_TOPIC + "-lines",
                PARTITIONS,
                export);
        plain.consume(
                "warm-up plain consume",
                limit,
                settings.workdir().resolve("warm-up-plain-consume.out"),
                bootstrap,
                WARM_UP_TOPIC);
        List<FlinkGrouping> flinkJobs = new ArrayList<>(List.of(FlinkGrouping.NONE, FlinkGrouping.KEYED_SORT));
        flinkJobs.addAll(settings.ceilings());
        for (FlinkGrouping grouping : flinkJobs) {
            plain.flink(
                    "warm-up plain flink",
                    grouping,
                    limit,
                    settings.workdir().resolve("warm-up-plain-flink.out"),
                    bootstrap,
                    WARM_UP_TOPIC,
                    REPLAY_PARALLELISM);
        }
    }

    /**
     * The number of cases whose export holds about {@code events} records. A small export spans
     * fewer years, and its recent cases have had less time for events, so below the full 15 years
     * the estimate is corrected by counting what the generator writes (cheap at that size).
     */
    static int casesFor(long events, long seed) throws IOException {
        int cases = (int) Math.max(1, Math.round(events / RECORDS_PER_CASE));
        for (int attempt = 0; attempt < 4 && cases < 2 * FULL_YEARS_CASES; attempt++) {
            long records = SyntheticExport.write(
                            SyntheticExport.Settings.defaults(cases, seed),
                            java.io.OutputStream.nullOutputStream(),
                            SyntheticExport.Format.JSONL)
                    .records();
            if (Math.abs(records - events) <= events / 200) {
                break;
            }
            cases = (int) Math.max(1, Math.round((double) cases * events / records));
        }
        return cases;
    }

    /** A JFR recording of the whole child run when profiling is asked for, dumped when the command exits. */
    private static List<String> profiling(Settings settings, String step) throws IOException {
        if (settings.profile() == null) {
            return List.of();
        }
        Files.createDirectories(settings.profile());
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + settings.profile().resolve(step + ".jfr").toAbsolutePath());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
