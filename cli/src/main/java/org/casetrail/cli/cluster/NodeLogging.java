package org.casetrail.cli.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Log4j 2 configuration of every cluster node: INFO and up to the file named by the node's
 * {@code -Dlog.file} (the property Flink's web UI reads a node's log from, too). The CLI's own
 * configuration shows only errors, which would leave a node's start-up invisible.
 */
final class NodeLogging {

    private NodeLogging() {}

    static Path writeConfig(Path dir) throws IOException {
        Path config = dir.resolve("conf").resolve("log4j2-node.xml").toAbsolutePath();
        Files.createDirectories(config.getParent());
        Files.createDirectories(ClusterRecord.logs(dir));
        try (InputStream in = NodeLogging.class.getResourceAsStream("log4j2-node.xml")) {
            if (in == null) {
                throw new IOException("log4j2-node.xml is missing from the casetrail-cli jar");
            }
            Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
        }
        return config;
    }
}
