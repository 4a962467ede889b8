package org.casetrail.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.casetrail.cli.CliException;

/**
 * One node of a loopback cluster (a Kafka broker, a Flink JobManager or TaskManager): a JVM of
 * its own, started from the CLI's jars, writing its output to a file under the cluster folder.
 *
 * <p>Every node carries {@code -Dcasetrail.cluster.dir=<folder>} on its command line, so that
 * stopping a cluster from its recorded pids never signals a process that merely reused a pid.
 */
public final class NodeProcess {

    static final String DIR_PROPERTY = "casetrail.cluster.dir";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final ProcessHandle handle;

    private NodeProcess(String name, ProcessHandle handle) {
        this.name = name;
        this.handle = handle;
    }

    /**
     * Starts {@code mainClass} in a new JVM. With setsid, the node gets a session of its own: a
     * Ctrl-C in the terminal of cluster/up, or that terminal closing, does not reach it, and it
     * lives on after the JVM that started it exits.
     */
    public static NodeProcess start(
            String name,
            Path clusterDir,
            String classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + DIR_PROPERTY + "=" + clusterDir.toAbsolutePath());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Path out = ClusterRecord.logs(clusterDir).resolve(name + ".out");
        try {
            Files.createDirectories(out.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new NodeProcess(name, process.toHandle());
        } catch (IOException e) {
            throw new CliException("cannot start " + name + ": " + e.getMessage());
        }
    }

    /** The node recorded with this pid, if that process is alive and belongs to this cluster folder. */
    public static Optional<NodeProcess> find(String name, long pid, Path clusterDir) {
        String marker = "-D" + DIR_PROPERTY + "=" + clusterDir.toAbsolutePath();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info()
                        .arguments()
                        .map(a -> List.of(a).contains(marker))
                        .orElseGet(() -> h.info()
                                .commandLine()
                                .map(c -> c.contains(marker))
                                .orElse(false)))
                .map(h -> new NodeProcess(name, h));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** SIGKILL: the node dies at once, as in a machine failure. */
    public void kill() {
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** Asks the node to stop (SIGTERM); does not wait. */
    void askToStop() {
        handle.destroy();
    }

    /** Waits until the deadline (System.nanoTime) for the node to exit, then kills it; true if it stopped by itself. */
    boolean awaitStop(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            if (left > 0) {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Did not exit in time: killed below.
        }
        if (handle.isAlive()) {
            kill();
            return false;
        }
        return true;
    }

    /** Stops these nodes together: SIGTERM to all, then SIGKILL to those still alive after {@code graceSeconds}. */
    public static List<String> stopAll(List<NodeProcess> nodes, long graceSeconds) {
        nodes.forEach(NodeProcess::askToStop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        List<String> killed = new ArrayList<>();
        for (NodeProcess node : nodes) {
            if (!node.awaitStop(deadline)) {
                killed.add(node.name);
            }
        }
        return killed;
    }
}
