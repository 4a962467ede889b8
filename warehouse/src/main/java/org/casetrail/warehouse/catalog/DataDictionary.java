package org.casetrail.warehouse.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.casetrail.warehouse.WarehouseException;

/**
 * The data dictionary as Markdown, derived from {@link Tables} so that it cannot drift from the
 * tables: printed by {@code casetrail tables --format markdown} and written into each release
 * (as {@code DATA_DICTIONARY.md}) so that a copy of a release explains itself.
 */
public final class DataDictionary {

    /** The file name a release carries its dictionary under. */
    public static final String FILE_NAME = "DATA_DICTIONARY.md";

    private DataDictionary() {}

    /** Writes the dictionary into a release folder, as {@value #FILE_NAME}. */
    public static Path writeInto(Path releaseDir) {
        Path file = releaseDir.resolve(FILE_NAME);
        try {
            Files.writeString(file, markdown(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new WarehouseException(
                    "cannot write the data dictionary into " + releaseDir.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static String markdown() {
        return markdown(Tables.ALL, Tables.SCHEMA_VERSION);
    }

    static String markdown(List<TableSpec> tables, int schemaVersion) {
        StringBuilder md = new StringBuilder();
        md.append("# casetrail data dictionary (table schema version ")
                .append(schemaVersion)
                .append(")\n\n");
        md.append("""
                Every table of a release, its columns and what they mean. Column names are a public interface:
                they change only with a new schema version.

                - Public tables (`public/`) count distinct women unless a column says otherwise. A row that
                  describes too few women is withheld: `suppressed` is true and every count and statistic is
                  null. Null means withheld, never zero.
                - The release's `manifest.json` says how its public tables are protected (`protection`) and with
                  which threshold (`k`). Under `perturbation` every published count carries a small noise (at
                  most 2, zero on average), so rows need not add up to their total, and every text key can also
                  be `ALL`: the total over that key. Rows at different levels count the same women: never add
                  them up across levels.
                - Restricted tables (`restricted/`) hold exact figures and one row per woman's journey; they are
                  for the organisation's data engineers and are never published.

                """);
        for (String heading : List.of("Public tables", "Restricted tables")) {
            TableSpec.Visibility visibility =
                    heading.startsWith("Public") ? TableSpec.Visibility.PUBLIC : TableSpec.Visibility.RESTRICTED;
            List<TableSpec> selected =
                    tables.stream().filter(t -> t.visibility() == visibility).toList();
            if (selected.isEmpty()) {
                continue;
            }
            md.append("## ").append(heading).append("\n\n");
            for (TableSpec table : selected) {
                md.append("### `")
                        .append(table.name())
                        .append("`\n\n")
                        .append(cell(table.doc()))
                        .append("\n\n");
                if (!table.keys().isEmpty()) {
                    md.append("One row per ")
                            .append(String.join(
                                    ", ",
                                    table.keys().stream()
                                            .map(c -> "`" + c.name() + "`")
                                            .toList()))
                            .append(".\n\n");
                }
                md.append("| column | type | kind | meaning |\n| --- | --- | --- | --- |\n");
                for (Column c : table.columns()) {
                    md.append("| `")
                            .append(c.name())
                            .append("` | ")
                            .append(c.type().name())
                            .append(" | ")
                            .append(c.kind().name().toLowerCase(Locale.ROOT))
                            .append(" | ")
                            .append(cell(c.doc()))
                            .append(" |\n");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** Text that stays inside one Markdown table cell. */
    private static String cell(String text) {
        return text == null
                ? ""
                : text.replace("\\", "\\\\")
                        .replace("|", "\\|")
                        .replace("\r", " ")
                        .replace("\n", " ");
    }
}
