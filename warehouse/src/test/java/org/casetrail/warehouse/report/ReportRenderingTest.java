package org.casetrail.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.casetrail.warehouse.FixtureRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report rendered by a real browser, headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs when absent). Skipped on a machine without it, unless
 * {@code CASETRAIL_REQUIRE_CHROMIUM} is set, as CI sets it, so that CI cannot pass by skipping.
 */
class ReportRenderingTest {

    private static final Pattern NETWORK_ADDRESS =
            Pattern.compile("(?i)(https?|ftp|wss?):|(src|href|action)\\s*=\\s*\"//");

    @TempDir
    Path root;

    @Test
    void chromiumRendersTheReportToAPictureWithoutFetchingAnything() throws Exception {
        String chromium = chromium();
        boolean required = System.getenv("CASETRAIL_REQUIRE_CHROMIUM") != null;
        assumeTrue(chromium != null || required, "no chromium on the PATH");
        assertThat(chromium)
                .as("chromium on the PATH (CASETRAIL_REQUIRE_CHROMIUM is set)")
                .isNotNull();

        Path release = FixtureRelease.write(root);
        Path html = root.resolve("report/report.html");
        ReportFiles.write(release, html, OptionalInt.empty());
        assertThat(NETWORK_ADDRESS.matcher(Files.readString(html)).find())
                .as("an address on a network in the report")
                .isFalse();

        Path png = root.resolve("report.png");
        Path log = root.resolve("chromium.log");
        Process browser = new ProcessBuilder(List.of(
                        chromium,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--no-first-run",
                        "--user-data-dir=" + root.resolve("profile"),
                        "--screenshot=" + png,
                        "--window-size=1200,3000",
                        html.toUri().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(browser.waitFor(120, TimeUnit.SECONDS))
                .as("chromium finished within 2 minutes")
                .isTrue();

        assertThat(browser.exitValue())
                .as("chromium's exit status; its output:\n" + Files.readString(log))
                .isZero();
        assertThat(png).exists();
        byte[] picture = Files.readAllBytes(png);
        assertThat(picture).startsWith(0x89, 'P', 'N', 'G');
        // A blank 1200x3000 page compresses to a few kilobytes; text and charts take far more.
        assertThat(picture.length).isGreaterThan(40_000);
        // To look at the result: -Dcasetrail.report.keep=DIR keeps the page and its picture there.
        String keep = System.getProperty("casetrail.report.keep");
        if (keep != null) {
            Files.copy(png, Path.of(keep, "report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(html, Path.of(keep, "report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }
}
