package org.casetrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links of a Markdown file that a reader of the repository alone could not follow: an address
 * outside the repository (another host, an absolute path, {@code ../} out of it) or a file, or a
 * heading, that does not exist.
 */
final class RepositoryLinks {

    private static final Pattern INLINE =
            Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML = Pattern.compile("(?i)(?:href|src)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

    private RepositoryLinks() {}

    static List<String> problems(Path root, Path markdown) throws IOException {
        Path repository = root.toAbsolutePath().normalize();
        String text = FENCE.matcher(Files.readString(markdown)).replaceAll("");
        List<String> problems = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE, REFERENCE, HTML)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                String problem = problem(repository, markdown.toAbsolutePath().normalize(), target);
                if (problem != null) {
                    problems.add(repository.relativize(markdown.toAbsolutePath().normalize()) + ": " + target + ": "
                            + problem);
                }
            }
        }
        return problems;
    }

    private static String problem(Path repository, Path markdown, String target) throws IOException {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return "an address outside the repository";
        }
        if (target.startsWith("/")) {
            return "an absolute path; link relatively, inside the repository";
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file =
                path.isEmpty() ? markdown : markdown.getParent().resolve(path).normalize();
        if (!file.startsWith(repository)) {
            return "a path outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file in the repository";
        }
        if (anchor != null
                && !anchor.isEmpty()
                && file.toString().endsWith(".md")
                && !anchors(file).contains(anchor)) {
            return "no heading #" + anchor + " in " + repository.relativize(file);
        }
        return null;
    }

    /** Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path markdown) throws IOException {
        String text = FENCE.matcher(Files.readString(markdown)).replaceAll("");
        return text.lines()
                .filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "")
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .toList();
    }
}
