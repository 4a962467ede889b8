package org.casetrail.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the job jar a Flink cluster runs is: named by the system property {@code casetrail.job.jar},
 * or else the one the same build made, stream-jobs/target/casetrail-job.jar beside this CLI's
 * cli/target (the jar and its classes folder alike sit three levels below the checkout).
 */
final class JobJar {

    static final String PROPERTY = "casetrail.job.jar";

    private JobJar() {}

    static Path locate() {
        String named = System.getProperty(PROPERTY);
        if (named != null) {
            return requireFile(Path.of(named));
        }
        Path here;
        try {
            here = Path.of(JobJar.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new CliException("cannot tell where this casetrail is installed; name the job jar with --job-jar");
        }
        Path checkout = here.getParent() == null || here.getParent().getParent() == null
                ? here
                : here.getParent().getParent().getParent();
        return requireFile(checkout.resolve("stream-jobs").resolve("target").resolve("casetrail-job.jar"));
    }

    private static Path requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new CliException(
                    "--flink-master needs the job jar, and there is none at " + jar
                            + "; build it with: mvn -B -DskipTests package -pl cli -am (./casetrail does), or name it with --job-jar");
        }
        return jar;
    }
}
