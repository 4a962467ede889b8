package org.casetrail.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a node that binds it later.
 *
 * <p>A node of the loopback cluster binds its port seconds after the port is picked, while other
 * nodes start. Two things can take the port in between: a port another node was given but has not
 * bound yet, and the random ports that Flink's processes, Kafka's clients and every outgoing
 * connection get from the kernel. So a pick leaves out the ports already given, and it comes from
 * below the kernel's range for those random ports, where nothing binds without asking for the port
 * by number.
 */
public final class FreePort {

    /** Where the picks start: above the ports of common local services. */
    static final int LOWEST = 20_000;
    /** The kernel's random ports start here unless the system says otherwise (Linux's default). */
    static final int DEFAULT_EPHEMERAL_START = 32_768;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS = 200;

    private FreePort() {}

    /** A free port that is none of {@code given}. */
    public static int pick(Collection<Integer> given) {
        int end = ephemeralStart();
        if (end - LOWEST >= 1_000) {
            for (int i = 0; i < ATTEMPTS; i++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
                if (!given.contains(port) && isFree(port)) {
                    return port;
                }
            }
        }
        // A system whose random ports start low leaves no room below them: let the kernel choose.
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (!given.contains(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free TCP port on 127.0.0.1 that is not already given");
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first of the kernel's random ports: Linux says so in /proc, elsewhere the default. */
    static int ephemeralStart() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE, StandardCharsets.US_ASCII)
                    .strip()
                    .split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
