package org.casetrail.bench.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One bench run: the data it ran on, one line per step with its rate and its ratio to the
 * baseline of the log itself, the report queries' latency, and the checks that every step saw
 * the same data. Printed as a table and written as JSON (field by field in bench/results/README.md).
 */
public record ThroughputReport(
        String startedAt,
        Machine machine,
        Data data,
        List<Step> steps,
        List<ReportQueries.Latency> queries,
        List<Check> checks) {

    /**
     * Where it ran. The load averages (1 minute, from /proc/loadavg; -1 elsewhere) at the start
     * and at the end say whether something else shared the cores: a rate is only comparable with
     * rates measured under a similar load.
     */
    public record Machine(
            int cores,
            String java,
            String os,
            List<String> cliJvmOptions,
            String launcher,
            double loadAverageAtStart,
            double loadAverageAtEnd) {

        public static double loadAverage() {
            try {
                return Double.parseDouble(
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** What it ran on. */
    public record Data(
            long eventsAsked,
            long cases,
            long seed,
            long exportRecords,
            long malformedRecords,
            long exportBytes,
            String releaseId) {}

    /**
     * One measured step.
     *
     * @param records      records (export lines) or events the step handled
     * @param rate         records per second over {@code seconds}
     * @param ratio        rate over its baseline's rate: the plain client in a JVM of its own (1 for that baseline)
     * @param ratioToWarm  rate over the same plain client's rate inside the bench's warm JVM (1 for that one)
     * @param peakRssBytes the child process's peak resident memory, -1 for steps run inside the bench
     */
    public record Step(
            String step,
            long records,
            double seconds,
            double rate,
            Double ratio,
            Double ratioToWarm,
            long peakRssBytes,
            String measures) {}

    /** Two counts that must agree. */
    public record Check(String check, long expected, long actual) {
        public boolean agrees() {
            return expected == actual;
        }
    }

    public boolean agrees() {
        return checks.stream().allMatch(Check::agrees);
    }

    public Step step(String name) {
        return steps.stream()
                .filter(s -> s.step().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + name));
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    public static ThroughputReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ThroughputReport.class);
    }

    private static String twoPlaces(Double ratio) {
        return ratio == null ? "" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    public void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%,d cases, %,d export records (%,d malformed), %.0f MB; %d cores, Java %s, child JVMs %s"
                        + " through %s; load average %.1f at start, %.1f at end%n",
                data.cases(),
                data.exportRecords(),
                data.malformedRecords(),
                data.exportBytes() / 1e6,
                machine.cores(),
                machine.java(),
                String.join(" ", machine.cliJvmOptions()),
                machine.launcher(),
                machine.loadAverageAtStart(),
                machine.loadAverageAtEnd());
        out.printf(
                Locale.ROOT,
                "%-28s %12s %9s %12s %7s %8s %10s%n",
                "step",
                "records",
                "seconds",
                "rate/s",
                "ratio",
                "to warm",
                "peak RSS");
        for (Step s : steps) {
            out.printf(
                    Locale.ROOT,
                    "%-28s %,12d %9.2f %,12.0f %7s %8s %10s%n",
                    s.step(),
                    s.records(),
                    s.seconds(),
                    s.rate(),
                    twoPlaces(s.ratio()),
                    twoPlaces(s.ratioToWarm()),
                    s.peakRssBytes() < 0 ? "" : (s.peakRssBytes() >> 20) + " MB");
        }
        out.println(
                "ratio: to the plain client in a new JVM (the baseline); to warm: to the same client in the bench's warm JVM");
        if (!queries.isEmpty()) {
            double worst = queries.stream()
                    .mapToDouble(ReportQueries.Latency::p95Millis)
                    .max()
                    .orElse(0);
            out.printf(
                    Locale.ROOT,
                    "%-28s %12s %9s %12s %7s %8s   slowest p95 %.1f ms%n",
                    "report queries",
                    queries.size() + " queries",
                    "",
                    "",
                    "",
                    "",
                    worst);
            for (ReportQueries.Latency q : queries) {
                out.printf(
                        Locale.ROOT,
                        "    %-40s %6d rows   median %7.1f ms   p95 %7.1f ms%n",
                        q.query(),
                        q.rows(),
                        q.medianMillis(),
                        q.p95Millis());
            }
        }
        for (Check c : checks) {
            if (!c.agrees()) {
                out.printf(Locale.ROOT, "DISAGREE: %s: expected %,d, got %,d%n", c.check(), c.expected(), c.actual());
            }
        }
        out.println(agrees() ? "checks: all " + checks.size() + " agree" : "checks: the steps DISAGREE (see above)");
    }
}
