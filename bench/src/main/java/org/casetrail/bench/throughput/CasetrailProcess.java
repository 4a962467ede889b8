package org.casetrail.bench.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@code casetrail} command in a child JVM, started the way a user starts it, so that
 * what is measured is what a user runs: its wall time (JVM start-up included) and its peak
 * resident memory, which only a separate process can show.
 */
final class CasetrailProcess {

    private static final String MAIN = "org.casetrail.cli.Casetrail";
    private static final long RSS_SAMPLE_MILLIS = 50;

    /** How a run ended: exit status, what it printed (stdout and stderr), wall time and peak RSS (-1 if unknown). */
    record Finished(int status, String output, double seconds, long peakRssBytes) {
    }

    private final String classpath;
    private final List<String> jvmOptions;
    private final Path launcher;

    /**
     * @param classpath  the CLI's jar and its lib folder, or any classpath that holds them
     * @param jvmOptions options of every child JVM, e.g. its heap
     * @param launcher   the {@code casetrail} script to run the CLI through, with its class-data
     *                   archives, or null for a plain {@code java} on {@code classpath}
     */
    CasetrailProcess(String classpath, List<String> jvmOptions, Path launcher) {
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.launcher = launcher;
    }

    /**
     * Runs {@code casetrail args...} to its end, its output going to {@code outputFile}; stops it
     * after {@code timeout}, so a hung run never outlives the bench.
     *
     * @param extraJvmOptions options of this run only (a profiler's, for one step)
     */
    Finished run(String step, Duration timeout, Path outputFile, List<String> extraJvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile());
        if (launcher != null) {
            // The launcher execs java once its archive exists, so the process measured is the JVM.
            command.add(launcher.toString());
            List<String> options = new ArrayList<>(jvmOptions);
            options.addAll(extraJvmOptions);
            builder.environment().put("CASETRAIL_JAVA_OPTS", String.join(" ", options));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-cp", classpath, MAIN));
        }
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process process = builder.start();
        AtomicLong peakRss = new AtomicLong(-1);
        Thread sampler = new Thread(() -> samplePeakRss(process, peakRss), "rss-" + step);
        sampler.setDaemon(true);
        sampler.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!finished) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            throw new BenchException(step + " did not finish within " + timeout.toSeconds() + " s and was stopped; its output is in "
                    + outputFile);
        }
        sampler.interrupt();
        sampler.join(1000);
        return new Finished(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8), seconds, peakRss.get());
    }

    /**
     * Reads the kernel's high-water mark of the child's resident set (VmHWM) until it exits. The
     * mark only grows, so the last reading before exit is the peak; once the process has exited
     * the kernel no longer reports it, hence the sampling.
     */
    private static void samplePeakRss(Process process, AtomicLong peak) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive() && !Thread.currentThread().isInterrupted()) {
            try {
                for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("VmHWM:")) {
                        long kb = Long.parseLong(line.substring(6).replace("kB", "").strip());
                        peak.accumulateAndGet(kb * 1024, Math::max);
                    }
                }
                Thread.sleep(RSS_SAMPLE_MILLIS);
            } catch (IOException | RuntimeException e) {
                return; // not Linux, or the process is gone
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
