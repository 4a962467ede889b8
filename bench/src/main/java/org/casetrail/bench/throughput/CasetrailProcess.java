package org.casetrail.bench.throughput;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code casetrail} command in a child JVM, started the way a user starts it, so that
 * what is measured is what a user runs.
 */
final class CasetrailProcess {

    private static final String MAIN = "org.casetrail.cli.Casetrail";

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
    ChildJvm.Finished run(String step, Duration timeout, Path outputFile, List<String> extraJvmOptions, String... args)
            throws IOException, InterruptedException {
        return run(step, timeout, outputFile, extraJvmOptions, Map.of(), args);
    }

    /** @param extraEnvironment variables of this run only (the launcher's class-data folder, say) */
    ChildJvm.Finished run(
            String step,
            Duration timeout,
            Path outputFile,
            List<String> extraJvmOptions,
            Map<String, String> extraEnvironment,
            String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        if (launcher != null) {
            // The launcher execs java once its archive exists, so the process measured is the JVM.
            command.add(launcher.toString());
            List<String> options = new ArrayList<>(jvmOptions);
            options.addAll(extraJvmOptions);
            environment.put("CASETRAIL_JAVA_OPTS", String.join(" ", options));
        } else {
            command.add(ChildJvm.java());
            command.addAll(jvmOptions);
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-cp", classpath, MAIN));
        }
        command.addAll(List.of(args));
        return ChildJvm.run(step, command, environment, timeout, outputFile);
    }
}
