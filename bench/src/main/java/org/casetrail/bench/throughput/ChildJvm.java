package org.casetrail.bench.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measured child process: its wall time from start to exit (JVM start-up included) and its
 * peak resident memory, which only a separate process can show. Bounded in time, so a hung child
 * never outlives the bench.
 */
final class ChildJvm {

    private static final long RSS_SAMPLE_MILLIS = 50;

    /** How a run ended: exit status, what it printed (stdout and stderr), wall time and peak RSS (-1 if unknown). */
    record Finished(int status, String output, double seconds, long peakRssBytes) {}

    private ChildJvm() {}

    /** Runs {@code command} to its end with {@code environment} added, its output going to {@code outputFile}. */
    static Finished run(
            String step, List<String> command, Map<String, String> environment, Duration timeout, Path outputFile)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile());
        builder.environment().putAll(environment);
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
            throw new BenchException(step + " did not finish within " + timeout.toSeconds()
                    + " s and was stopped; its output is in " + outputFile);
        }
        sampler.interrupt();
        sampler.join(1000);
        return new Finished(
                process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8), seconds, peakRss.get());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
                        long kb = Long.parseLong(
                                line.substring(6).replace("kB", "").strip());
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
