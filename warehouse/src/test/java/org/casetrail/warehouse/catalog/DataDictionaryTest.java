package org.casetrail.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {

    @Test
    void everyTableAndColumnOfTheReleaseIsInTheDictionary() {
        String md = DataDictionary.markdown();

        assertThat(md).startsWith("# casetrail data dictionary (table schema version " + Tables.SCHEMA_VERSION + ")");
        for (TableSpec table : Tables.ALL) {
            assertThat(md).contains("### `" + table.name() + "`");
            for (Column c : table.columns()) {
                assertThat(md).contains("| `" + c.name() + "` | " + c.type().name() + " | ");
            }
        }
        assertThat(md.indexOf("## Public tables")).isLessThan(md.indexOf("### `cohort_outcomes`"));
        assertThat(md.indexOf("## Restricted tables")).isLessThan(md.indexOf("### `case_journeys`"));
        assertThat(md.indexOf("## Restricted tables")).isGreaterThan(md.indexOf("### `testimonies`"));
    }

    @Test
    void aReleaseCarriesItsDictionary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path release) throws Exception {
        java.nio.file.Path file = DataDictionary.writeInto(release);

        assertThat(file).isEqualTo(release.resolve("DATA_DICTIONARY.md"));
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(DataDictionary.markdown());
    }

    @Test
    void aColumnIsOneRowOfItsTableWhateverItsText() {
        TableSpec table = new TableSpec(
                "example",
                TableSpec.Visibility.PUBLIC,
                "A table | with a pipe\nand a line break.",
                List.of(
                        Column.key("year", Column.Type.INT, "Year."),
                        Column.count("cases", "Women; 0 | 1\nor more."),
                        Column.suppressed()));

        String md = DataDictionary.markdown(List.of(table), 2);

        assertThat(md).contains("A table \\| with a pipe and a line break.\n\nOne row per `year`.\n\n");
        assertThat(md)
                .contains(
                        "| column | type | kind | meaning |\n| --- | --- | --- | --- |\n| `year` | INT | key | Year. |\n"
                                + "| `cases` | LONG | count | Women; 0 \\| 1 or more. |\n| `suppressed` | BOOLEAN | flag | ");
        assertThat(md).doesNotContain("## Restricted tables");
    }
}
