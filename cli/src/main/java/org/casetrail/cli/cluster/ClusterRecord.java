package org.casetrail.cli.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What a cluster folder remembers between cluster/up and cluster/down: the ports of every node
 * (kept, so a cluster started again keeps its addresses when they are still free) and the pids of
 * the running nodes, in the order they were started (gone once the cluster is down).
 */
final class ClusterRecord {

    private static final String PORTS = "ports.properties";
    private static final String PIDS = "pids";

    private ClusterRecord() {}

    static Path logs(Path dir) {
        return dir.resolve("logs");
    }

    static Properties ports(Path dir) {
        Properties ports = new Properties();
        Path file = dir.resolve(PORTS);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                ports.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }

    static void storePorts(Path dir, Properties ports) {
        try (Writer out = Files.newBufferedWriter(dir.resolve(PORTS), StandardCharsets.UTF_8)) {
            ports.store(out, "ports of the loopback cluster, reused by the next cluster/up while free");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The recorded port under {@code key} if it is still free, else a new free one, recorded. The new
     * one is none of the ports recorded under other keys: their nodes may not have bound them yet.
     */
    static int port(Properties ports, String key) {
        String recorded = ports.getProperty(key);
        if (recorded != null && FreePort.isFree(Integer.parseInt(recorded))) {
            return Integer.parseInt(recorded);
        }
        Set<Integer> given = new HashSet<>();
        ports.forEach((k, v) -> {
            if (!k.equals(key)) {
                given.add(Integer.parseInt(v.toString()));
            }
        });
        int port = FreePort.pick(given);
        ports.setProperty(key, Integer.toString(port));
        return port;
    }

    /** Node name to pid, in start order; empty when nothing was recorded as running. */
    static Map<String, Long> pids(Path dir) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path file = dir.resolve(PIDS);
        if (!Files.exists(file)) {
            return pids;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("=", 2);
                if (parts.length == 2) {
                    pids.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** Written after every start, so that even an interrupted cluster/up leaves a record to stop from. */
    static void storePids(Path dir, List<NodeProcess> nodes) {
        List<String> lines = new ArrayList<>();
        for (NodeProcess node : nodes) {
            lines.add(node.name() + "=" + node.pid());
        }
        try {
            Files.write(dir.resolve(PIDS), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void forgetPids(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(PIDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The addresses cluster/up printed, kept for a second cluster/up on a running folder. */
    static void storeAddresses(Path dir, Map<String, String> addresses) {
        Properties props = new Properties();
        props.putAll(new LinkedHashMap<>(addresses));
        try (Writer out = Files.newBufferedWriter(dir.resolve("addresses.properties"), StandardCharsets.UTF_8)) {
            props.store(out, "what cluster/up printed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> addresses(Path dir) {
        Properties props = new Properties();
        Path file = dir.resolve("addresses.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> addresses.put(k, props.getProperty(k)));
        return addresses;
    }
}
