package org.casetrail.bench.throughput;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.casetrail.cli.EmbeddedKafkaBroker;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.EventLogTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest --snapshot} on a log of about {@code --events} events (docs/sources.md,
 * "Snapshots"): the export ingested plainly, the events topic consumed plainly (the baseline of a
 * read of the whole log), then the same export again as a snapshot, which appends nothing, and the
 * export with one line in a hundred left out, which voids those. Each snapshot says how long it took
 * to read the log back and compare; that read is what grows with the log, and what is set against
 * the plain consumer. The commands run as a user runs them, each in a JVM of its own.
 */
@Command(
        name = "bench/run snapshot",
        mixinStandardHelpOptions = true,
        description = "Measure the log read-back of ingest --snapshot against a plain consumer of the same log.")
public final class SnapshotComparisonBench implements Callable<Integer> {

    private static final Pattern COMPARED =
            Pattern.compile("snapshot of \\S+ on \\S+: (\\d+) events of \\S+ read in (\\d+\\.\\d+) s");
    private static final Pattern DIFFERENCE =
            Pattern.compile("snapshot: new (\\d+), changed (\\d+), unchanged (\\d+), voided (\\d+)");
    private static final Pattern INGESTED = Pattern.compile("read (\\d+), accepted (\\d+), rejected (\\d+)");

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

    @Option(names = "--workdir", description = "Working folder (default: a new temporary folder, deleted after).")
    Path workdir;

    @Option(
            names = "--cli-classpath",
            description = "Classpath of the casetrail CLI for the child JVMs (default: this JVM's).")
    String cliClasspath;

    @Option(
            names = "--cli-java-opts",
            defaultValue = "-Xmx2g",
            description = "JVM options of the commands (default: ${DEFAULT-VALUE}; bench/run passes cli/jvm.options).")
    String cliJavaOpts;

    @Option(
            names = "--launcher",
            description = "Run the commands through this casetrail script, class-data archives included.")
    Path launcher;

    /** One measured run: what it read or compared, in how long. */
    public record Measured(String step, long events, double seconds, String says) {
        double rate() {
            return events / seconds;
        }
    }

    /** What a run of the bench measured, and the differences the snapshots reported. */
    public record Report(List<Measured> steps, String unchanged, String thinned, long linesLeftOut) {

        public Measured step(String name) {
            return steps.stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
        }

        void print(PrintStream out) {
            double baseline = step(PLAIN_CONSUME).rate();
            out.printf(Locale.ROOT, "%-38s %10s %9s %12s %7s%n", "step", "events", "seconds", "events/s", "ratio");
            for (Measured s : steps) {
                out.printf(
                        Locale.ROOT,
                        "%-38s %10d %9.2f %12.0f %7.2f   %s%n",
                        s.step(),
                        s.events(),
                        s.seconds(),
                        s.rate(),
                        s.rate() / baseline,
                        s.says());
            }
            out.println("the same export again: " + unchanged);
            out.println("one line in a hundred left out (" + linesLeftOut + " lines): " + thinned);
        }
    }

    static final String PLAIN_CONSUME = "plain consume";
    static final String SAME_COMPARISON = "snapshot, same export: log read-back";
    static final String SAME_COMMAND = "snapshot, same export: whole command";
    static final String THINNED_COMPARISON = "snapshot, 1% left out: log read-back";

    public static void main(String[] args) {
        Configurator.setRootLevel(Level.ERROR);
        CommandLine cli = new CommandLine(new SnapshotComparisonBench());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr()
                    .println("bench: "
                            + (e instanceof BenchException
                                    ? e.getMessage()
                                    : "failed (" + e.getClass().getSimpleName() + ")"));
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean temporary = workdir == null;
        Path dir = temporary ? Files.createTempDirectory("casetrail-snapshot-bench-") : workdir;
        try {
            Report report = run(
                    dir,
                    events,
                    seed,
                    cliClasspath != null ? cliClasspath : System.getProperty("java.class.path"),
                    System.getProperty("java.class.path"),
                    Arrays.stream(cliJavaOpts.trim().split("\\s+"))
                            .filter(s -> !s.isEmpty())
                            .toList(),
                    launcher == null ? null : launcher.toAbsolutePath(),
                    line -> System.out.println("- " + line));
            System.out.println();
            report.print(System.out);
            return 0;
        } finally {
            if (temporary) {
                try (var files = Files.walk(dir)) {
                    for (Path p :
                            files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /**
     * The whole measurement, in {@code dir}.
     *
     * @param clientClasspath the plain consumer's classpath: the bench's classes and their dependencies
     */
    public static Report run(
            Path dir,
            long events,
            long seed,
            String cliClasspath,
            String clientClasspath,
            List<String> jvmOptions,
            Path launcher,
            LogThroughputBench.Progress progress)
            throws Exception {
        Files.createDirectories(dir);
        Duration limit = Duration.ofSeconds(180 + events / 1000);
        int cases = LogThroughputBench.casesFor(events, seed);
        Path export = dir.resolve("export.jsonl");
        progress.say("generating " + cases + " cases into " + export);
        SyntheticExport.write(SyntheticExport.Settings.defaults(cases, seed), export, SyntheticExport.Format.JSONL);
        Path thinned = dir.resolve("export-thinned.jsonl");
        long leftOut = leaveOut(export, thinned, 100);
        Path keyFile = dir.resolve("bench.key");
        Files.deleteIfExists(keyFile);
        PseudonymKey.create(keyFile);
        CasetrailProcess casetrail = new CasetrailProcess(cliClasspath, jvmOptions, launcher);
        // With the launcher's archives for the commands, the plain consumer gets one of its own.
        PlainClientProcess plain = new PlainClientProcess(
                clientClasspath, jvmOptions, launcher == null ? null : dir.resolve("client-archives"));
        List<Measured> steps = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            String bootstrap = broker.bootstrapServers();
            String[] ingest = {
                "ingest", "--bootstrap-server", bootstrap, "--key-file", keyFile.toString(),
            };
            if (launcher != null) {
                progress.say("0. a small ingest and snapshot, so that the class-data archives exist");
                Path small = dir.resolve("warm-up.jsonl");
                SyntheticExport.write(
                        SyntheticExport.Settings.defaults(200, seed), small, SyntheticExport.Format.JSONL);
                for (String snapshot : new String[] {null, "--snapshot"}) {
                    List<String> args = new ArrayList<>(List.of(ingest));
                    args.addAll(List.of("--topic", "warm-up"));
                    if (snapshot != null) {
                        args.add(snapshot);
                    }
                    args.add(small.toString());
                    check(
                            casetrail.run(
                                    "warm-up",
                                    limit,
                                    dir.resolve("warm-up.out"),
                                    List.of(),
                                    args.toArray(String[]::new)),
                            dir.resolve("warm-up.out"));
                }
                plain.consume("warm-up plain consume", limit, dir.resolve("warm-up-consume.out"), bootstrap, "warm-up");
            }
            progress.say("1. casetrail ingest of the export");
            check(
                    casetrail.run(
                            "ingest", limit, dir.resolve("ingest.out"), List.of(), concat(ingest, export.toString())),
                    dir.resolve("ingest.out"));

            progress.say("2. " + PLAIN_CONSUME + " of the events topic, in a JVM of its own");
            PlainClientProcess.Ran consumed = plain.consume(
                    PLAIN_CONSUME, limit, dir.resolve("plain-consume.out"), bootstrap, EventLogTopics.DEFAULT_EVENTS);
            steps.add(new Measured(
                    PLAIN_CONSUME,
                    consumed.result().records(),
                    consumed.finished().seconds(),
                    "the topic read to its end by a new JVM: the baseline"));

            progress.say("3. casetrail ingest --snapshot of the same export");
            ChildJvm.Finished same = casetrail.run(
                    "snapshot",
                    limit,
                    dir.resolve("snapshot.out"),
                    List.of(),
                    concat(ingest, "--snapshot", export.toString()));
            check(same, dir.resolve("snapshot.out"));
            Matcher sameCompared = find(COMPARED, same, dir.resolve("snapshot.out"));
            steps.add(new Measured(
                    SAME_COMPARISON,
                    Long.parseLong(sameCompared.group(1)),
                    Double.parseDouble(sameCompared.group(2)),
                    "as the command prints it"));
            Matcher sameRead = find(INGESTED, same, dir.resolve("snapshot.out"));
            steps.add(new Measured(
                    SAME_COMMAND,
                    Long.parseLong(sameRead.group(1)),
                    same.seconds(),
                    "export records; JVM start, the export read and translated, nothing appended"));

            progress.say("4. casetrail ingest --snapshot of the export with one line in a hundred left out");
            ChildJvm.Finished thin = casetrail.run(
                    "snapshot, thinned",
                    limit,
                    dir.resolve("snapshot-thinned.out"),
                    List.of(),
                    concat(ingest, "--snapshot", thinned.toString()));
            check(thin, dir.resolve("snapshot-thinned.out"));
            Matcher thinCompared = find(COMPARED, thin, dir.resolve("snapshot-thinned.out"));
            steps.add(new Measured(
                    THINNED_COMPARISON,
                    Long.parseLong(thinCompared.group(1)),
                    Double.parseDouble(thinCompared.group(2)),
                    "as the command prints it"));
            return new Report(
                    steps,
                    find(DIFFERENCE, same, dir.resolve("snapshot.out")).group(),
                    find(DIFFERENCE, thin, dir.resolve("snapshot-thinned.out")).group(),
                    leftOut);
        }
    }

    /** Copies the export without every {@code nth} line; returns how many it left out. */
    private static long leaveOut(Path from, Path to, int nth) throws Exception {
        long line = 0;
        long left = 0;
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                if (++line % nth == 0) {
                    left++;
                } else {
                    out.write(text);
                    out.write('\n');
                }
            }
        }
        return left;
    }

    private static void check(ChildJvm.Finished run, Path output) {
        if (run.status() != 0) {
            throw new BenchException("a command failed (exit " + run.status() + "); its output is in " + output);
        }
    }

    private static Matcher find(Pattern pattern, ChildJvm.Finished run, Path output) {
        Matcher matcher = pattern.matcher(run.output());
        if (!matcher.find()) {
            throw new BenchException("a command did not print what the bench reads; its output is in " + output);
        }
        return matcher;
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
