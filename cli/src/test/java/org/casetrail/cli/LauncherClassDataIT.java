package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./casetrail} launcher's class-data archives: made by the first run of a command that
 * ends well, used by the later ones, made again for new jars or new JVM options, and never a word
 * on the output.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LauncherClassDataIT {

    static final Path JAR = Path.of(System.getProperty("casetrail.cli.jar", "target/casetrail-cli.jar"))
            .toAbsolutePath();
    static final Path LAUNCHER = JAR.getParent().getParent().getParent().resolve("casetrail");

    @TempDir
    Path dir;

    @Test
    void theFirstGoodRunRecordsTheCommandsClassesAndLaterRunsMapThem() throws Exception {
        Path archives = dir.resolve("cds");
        Run plain = run(Map.of("CASETRAIL_CDS", "off"), "tables");
        assertThat(plain.status).isZero();

        Run recording = run(Map.of("CASETRAIL_CDS_DIR", archives.toString()), "tables");
        assertThat(recording.status).isZero();
        assertThat(recording.output).as("recording prints nothing of its own").isEqualTo(plain.output);
        Path archive = archives.resolve("tables.jsa");
        assertThat(Files.size(archive)).as("the archive of 'tables'").isGreaterThan(1_000_000);
        assertThat(filesIn(archives))
                .as("no half-written recording left behind")
                .containsExactly("tables.jsa");

        Path loads = dir.resolve("loads.log");
        Run mapped = run(
                Map.of(
                        "CASETRAIL_CDS_DIR",
                        archives.toString(),
                        "CASETRAIL_JAVA_OPTS",
                        "-Xmx256m -Xlog:class+load=info:file=" + loads),
                "tables");
        assertThat(mapped.status).isZero();
        assertThat(mapped.output).isEqualTo(plain.output);
        assertThat(Files.readString(loads))
                .as("the CLI's own classes come from the archive")
                .containsPattern("org\\.casetrail\\.cli\\.Casetrail source: shared objects file \\(top\\)");
    }

    @Test
    void anArchiveOlderThanTheJarsIsMadeAgain() throws Exception {
        Path archives = dir.resolve("cds");
        assertThat(run(Map.of("CASETRAIL_CDS_DIR", archives.toString()), "tables").status)
                .isZero();
        Path archive = archives.resolve("tables.jsa");
        FileTime old = FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000);
        Files.setLastModifiedTime(archive, old);

        assertThat(run(Map.of("CASETRAIL_CDS_DIR", archives.toString()), "tables").status)
                .isZero();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(JAR));
    }

    @Test
    void anArchiveOlderThanTheJvmOptionsIsMadeAgain() throws Exception {
        Path archives = dir.resolve("cds");
        assertThat(run(Map.of("CASETRAIL_CDS_DIR", archives.toString()), "tables").status)
                .isZero();
        Path archive = archives.resolve("tables.jsa");
        Path options = LAUNCHER.getParent().resolve("cli").resolve("jvm.options");
        FileTime optionsAsTheyWere = Files.getLastModifiedTime(options);
        FileTime recorded = Files.getLastModifiedTime(archive);
        try {
            // As if cli/jvm.options were edited after the archive was recorded; the jars stay older.
            Files.setLastModifiedTime(options, FileTime.fromMillis(recorded.toMillis() + 2_000));
            assertThat(run(Map.of("CASETRAIL_CDS_DIR", archives.toString()), "tables").status)
                    .isZero();
            assertThat(Files.getLastModifiedTime(archive)).as("recorded again").isGreaterThan(recorded);
        } finally {
            Files.setLastModifiedTime(options, optionsAsTheyWere);
        }
    }

    @Test
    void aFailedRunAHelpTextAndTheLongRunningCommandsRecordNothing() throws Exception {
        Path archives = dir.resolve("cds");
        Map<String, String> env = Map.of("CASETRAIL_CDS_DIR", archives.toString());

        Run failed = run(
                env, "query", "--warehouse", dir.resolve("no-such-warehouse").toString(), "SELECT 1");
        assertThat(failed.status).isEqualTo(1);
        Run help = run(env, "replay", "--help");
        assertThat(help.status).isZero();
        assertThat(help.output).contains("--bootstrap-server");
        Run brokerHelp = run(env, "broker", "--port", "not-a-port");
        assertThat(brokerHelp.status).isEqualTo(2);

        assertThat(archives)
                .as("nothing was worth recording")
                .satisfiesAnyOf(
                        a -> assertThat(a).doesNotExist(),
                        a -> assertThat(filesIn(a)).isEmpty());
    }

    private record Run(int status, String output) {}

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertThat(LAUNCHER).as("the launcher beside the packaged jar").isExecutable();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CASETRAIL_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
