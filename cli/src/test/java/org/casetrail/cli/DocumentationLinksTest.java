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

/** The README and docs/ must be followable from the repository alone. */
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
        Files.writeString(dir.resolve("DESIGN.md"), "outside");
        Path readme = root.resolve("README.md");
        Files.writeString(readme, """
                [fine](docs/tables.md) and [fine too](docs/tables.md#counting-at-the-right-level)
                [outside](../DESIGN.md) [absolute](/etc/passwd) [web](https://example.org/x)
                [missing](docs/nothing.md) [bad anchor](docs/tables.md#no-such-heading)
                <a href="../DESIGN.md">html</a>
                [ref]: ../DESIGN.md
                ```
                [inside a code block](../ignored.md)
                ```
                """);

        assertThat(RepositoryLinks.problems(root, readme))
                .containsExactlyInAnyOrder(
                        "README.md: ../DESIGN.md: a path outside the repository",
                        "README.md: /etc/passwd: an absolute path; link relatively, inside the repository",
                        "README.md: https://example.org/x: an address outside the repository",
                        "README.md: docs/nothing.md: no such file in the repository",
                        "README.md: docs/tables.md#no-such-heading: no heading #no-such-heading in docs/tables.md",
                        "README.md: ../DESIGN.md: a path outside the repository",
                        "README.md: ../DESIGN.md: a path outside the repository");
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
