package org.casetrail.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged CLI that failsafe runs against: its jar, its lib/ folder and the repository around it. */
final class CliJar {

    static final Path JAR = Path.of(System.getProperty("casetrail.cli.jar", "target/casetrail-cli.jar"))
            .toAbsolutePath();

    private CliJar() {}

    /** The repository root: cli/target/casetrail-cli.jar, three levels up. */
    static Path root() {
        return JAR.getParent().getParent().getParent();
    }

    static String classpath() {
        assertThat(Files.exists(JAR)).as("the packaged CLI at " + JAR).isTrue();
        return LoopbackCluster.classpathOf(JAR);
    }

    /** A java command line running {@code casetrail ARGS} from the packaged jar. */
    static List<String> casetrail(String... args) {
        assertThat(Files.exists(JAR)).as("the packaged CLI at " + JAR).isTrue();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
