package org.casetrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the sources, scripts and pages of the repository cite that a reader of the repository
 * alone could not find: a file outside it (design notes it was first written from, a shared folder
 * beside it), a file in it that does not exist, or a section that a docs/ page does not have.
 * Comments cite the docs/ page that states a rule, as {@code (docs/journeys.md, "Consent")}.
 */
final class SourceCitations {

    /** Names of what lies outside the repository, which its text must never send a reader to. */
    private static final Pattern OUTSIDE = Pattern.compile("DESIGN\\.md|\\.\\./shared/");
    /** A Markdown file of the repository named by its path from the root: {@code docs/tables.md}. */
    private static final Pattern FILE = Pattern.compile("(?<![\\w./-])([\\w-]+/[\\w./-]*[\\w-]\\.md)\\b");
    /** A docs/ page and one of its sections: {@code docs/journeys.md, "Consent"} or {@code docs/journeys.md ("Consent")}. */
    private static final Pattern SECTION =
            Pattern.compile("(?<![\\w./-])(docs/[\\w-]+\\.md)(?:,\\s*|\\s*\\()\"([^\"]+)\"");
    /** A comment's line break and the comment marker after it, so that a citation may wrap. */
    private static final Pattern CONTINUATION = Pattern.compile("\\s*\\n\\s*(?:\\*(?!/)|//|--|#)?\\s*");

    private static final List<String> TEXT = List.of(
            ".java", ".md", ".sql", ".xml", ".properties", ".yml", ".yaml", ".avsc", ".csv", ".options", ".html");

    private SourceCitations() {}

    /** Every problem in every text file under {@code root}, build output and hidden folders aside. */
    static List<String> problems(Path root) throws IOException {
        Path repository = root.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(repository)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> isSource(repository, f))
                    .sorted()
                    .toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(problems(repository, file));
        }
        return problems;
    }

    static List<String> problems(Path root, Path file) throws IOException {
        Path repository = root.toAbsolutePath().normalize();
        String name = repository.relativize(file.toAbsolutePath().normalize()).toString();
        String text = CONTINUATION
                .matcher(Files.readString(file, StandardCharsets.UTF_8))
                .replaceAll(" ");
        List<String> problems = new ArrayList<>();
        Matcher outside = OUTSIDE.matcher(text);
        while (outside.find()) {
            problems.add(
                    name + ": " + outside.group() + ": outside the repository; cite the page under docs/ that says it");
        }
        Matcher cited = FILE.matcher(text);
        while (cited.find()) {
            if (!Files.isRegularFile(repository.resolve(cited.group(1)))) {
                problems.add(name + ": " + cited.group(1) + ": no such file in the repository");
            }
        }
        Matcher section = SECTION.matcher(text);
        while (section.find()) {
            Path page = repository.resolve(section.group(1));
            if (Files.isRegularFile(page) && !headings(page).contains(plain(section.group(2)))) {
                problems.add(name + ": " + section.group(1) + ", \"" + section.group(2) + "\": no such section");
            }
        }
        return problems;
    }

    private static boolean isSource(Path repository, Path file) {
        for (Path part : repository.relativize(file)) {
            String p = part.toString();
            if (p.startsWith(".") || p.equals("target") || p.equals("node_modules")) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        if (TEXT.stream().anyMatch(name::endsWith)) {
            return true;
        }
        if (name.contains(".")) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> headings(Path page) throws IOException {
        return Files.readString(page, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("#"))
                .map(l -> plain(l.replaceFirst("^#+\\s*", "")))
                .toList();
    }

    /** A heading as a comment names it: without Markdown's backticks, in any case. */
    private static String plain(String heading) {
        return heading.replace("`", "").strip().toLowerCase(Locale.ROOT);
    }
}
