package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README, docs/ and what every source file cites must be followable from the repository alone. */
class DocumentationLinksTest {

    @Test
    void theReadmeAndDocsLinkOnlyToFilesInsideTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages)
                .extracting(p -> root.relativize(p).toString())
                .contains(
                        "docs/README.md",
                        "docs/input.md",
                        "docs/pseudonymization.md",
                        "docs/journeys.md",
                        "docs/tables.md",
                        "docs/protection.md",
                        "docs/releases.md",
                        "docs/operations.md",
                        "docs/commands.md");

        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            problems.addAll(RepositoryLinks.problems(root, page));
        }

        assertThat(problems).isEmpty();
        assertThat(Files.readString(root.resolve("README.md"))).contains("(docs/README.md)");
    }

    @Test
    void aLinkOutOfTheRepositoryOrToNothingIsCaught(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/tables.md"), "# Tables\n\n## Counting at the right level\n");
        Files.writeString(dir.resolve("notes.md"), "outside");
        Path readme = root.resolve("README.md");
        Files.writeString(readme, """
                [fine](docs/tables.md) and [fine too](docs/tables.md#counting-at-the-right-level)
                [outside](../notes.md) [absolute](/etc/passwd) [web](https://example.org/x)
                [missing](docs/nothing.md) [bad anchor](docs/tables.md#no-such-heading)
                <a href="../notes.md">html</a>
                [ref]: ../notes.md
                ```
                [inside a code block](../ignored.md)
                ```
                """);

        assertThat(RepositoryLinks.problems(root, readme))
                .containsExactlyInAnyOrder(
                        "README.md: ../notes.md: a path outside the repository",
                        "README.md: /etc/passwd: an absolute path; link relatively, inside the repository",
                        "README.md: https://example.org/x: an address outside the repository",
                        "README.md: docs/nothing.md: no such file in the repository",
                        "README.md: docs/tables.md#no-such-heading: no heading #no-such-heading in docs/tables.md",
                        "README.md: ../notes.md: a path outside the repository",
                        "README.md: ../notes.md: a path outside the repository");
    }

    @Test
    void noSourceScriptOrPageCitesAFileOrSectionTheRepositoryDoesNotHave() throws IOException {
        // This file's own counter-examples below cite nothing on purpose.
        String self = "cli/src/test/java/org/casetrail/cli/DocumentationLinksTest.java: ";
        assertThat(SourceCitations.problems(repositoryRoot()))
                .filteredOn(problem -> !problem.startsWith(self))
                .isEmpty();
    }

    @Test
    void aCitationOfSomethingOutsideTheRepositoryOrOfNothingIsCaught(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(
                root.resolve("docs/journeys.md"), "# Journeys\n\n## Reintegration and follow-up\n\n## `as_of`\n");
        // The names outside the repository are spelled in pieces, so that this file does not cite them itself.
        String design = "DESIGN" + ".md";
        String shared = ".." + "/shared/";
        Path source =
                Files.createDirectories(root.resolve("jobs/src/main/java")).resolve("Rule.java");
        Files.writeString(source, """
                /**
                 * Fine: (docs/journeys.md, "Reintegration and follow-up"), docs/journeys.md ("as_of"), and a
                 * citation that wraps (docs/journeys.md,
                 * "Reintegration and follow-up").
                 * Not: the design (%s, "Journeys"), %sSTYLE.md, docs/nothing.md, and
                 * (docs/journeys.md, "Follow-up").
                 */
                final class Rule {}
                """.formatted(design, shared));
        Path built = Files.createDirectories(root.resolve("jobs/target")).resolve("Copied.java");
        Files.writeString(built, "// " + design + ", in build output, which is not the repository's own text");

        assertThat(SourceCitations.problems(root))
                .containsExactlyInAnyOrder(
                        "jobs/src/main/java/Rule.java: " + design
                                + ": outside the repository; cite the page under docs/ that says it",
                        "jobs/src/main/java/Rule.java: " + shared
                                + ": outside the repository; cite the page under docs/ that says it",
                        "jobs/src/main/java/Rule.java: docs/nothing.md: no such file in the repository",
                        "jobs/src/main/java/Rule.java: docs/journeys.md, \"Follow-up\": no such section");
    }

    /** The folder above this module that holds the README and docs/. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("docs"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md, docs/, pom.xml) above "
                + Path.of("").toAbsolutePath());
    }
}
