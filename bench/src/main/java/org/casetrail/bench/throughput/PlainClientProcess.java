package org.casetrail.bench.throughput;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link PlainClient} in a child JVM with the commands' JVM options and, when the commands run
 * through the launcher, a class-data archive of its own made the way the launcher makes one: the
 * first run of each client records it, later runs map it. A classpath with a folder in it gets no
 * archive (Java cannot record one).
 */
final class PlainClientProcess {

    private final String classpath;
    private final List<String> jvmOptions;
    private final Path archives;

    /**
     * @param classpath  a classpath that holds the bench and its dependencies
     * @param jvmOptions the commands' JVM options
     * @param archives   the folder of the clients' class-data archives, or null for none
     */
    PlainClientProcess(String classpath, List<String> jvmOptions, Path archives) {
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.archives = archives != null && onlyJars(classpath) ? archives : null;
    }

    /** Java records no class-data archive for a classpath with a folder of classes in it: it refuses to start. */
    static boolean onlyJars(String classpath) {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.endsWith("*") && Files.isDirectory(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /** What the run took and what the client said it did; a client that failed is a bench failure. */
    record Ran(ChildJvm.Finished finished, PlainClient.Result result) {}

    Ran produce(
            String step, Duration timeout, Path outputFile, String bootstrap, String topic, int partitions, Path export)
            throws IOException, InterruptedException {
        return run(
                step,
                "produce",
                timeout,
                outputFile,
                bootstrap,
                topic,
                Integer.toString(partitions),
                export.toString());
    }

    Ran consume(String step, Duration timeout, Path outputFile, String bootstrap, String topic)
            throws IOException, InterruptedException {
        return run(step, "consume", timeout, outputFile, bootstrap, topic, Long.toString(timeout.toSeconds()));
    }

    /** {@link PlainFlink}: the topic read and counted on a local Flink, grouped by case one way or another, or not. */
    Ran flink(
            String step,
            FlinkGrouping grouping,
            Duration timeout,
            Path outputFile,
            String bootstrap,
            String topic,
            int parallelism)
            throws IOException, InterruptedException {
        return run(step, grouping.client(), timeout, outputFile, bootstrap, topic, Integer.toString(parallelism));
    }

    private Ran run(String step, String client, Duration timeout, Path outputFile, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        command.addAll(jvmOptions);
        if (archives != null) {
            Files.createDirectories(archives);
            Path archive = archives.resolve("plain-" + client + ".jsa");
            if (Files.exists(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            } else {
                command.addAll(List.of("-Xlog:cds*=off", "-XX:ArchiveClassesAtExit=" + archive));
            }
        }
        command.addAll(List.of("-cp", classpath, PlainClient.class.getName(), client));
        command.addAll(List.of(args));
        ChildJvm.Finished finished = ChildJvm.run(step, command, Map.of(), timeout, outputFile);
        PlainClient.Result result = PlainClient.Result.parse(finished.output());
        if (finished.status() != 0 || result == null) {
            throw new BenchException(step + " failed (exit " + finished.status() + "); its output is in " + outputFile);
        }
        return new Ran(finished, result);
    }
}
