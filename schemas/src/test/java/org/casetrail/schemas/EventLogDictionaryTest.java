package org.casetrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in data dictionary is what the schema docs say. */
class EventLogDictionaryTest {

    private static final Path CHECKED_IN = Path.of("EVENT_LOG.md");

    @Test
    void checkedInDictionaryMatchesTheSchema() throws Exception {
        String generated = EventLogDictionary.markdown();
        if (Boolean.getBoolean("casetrail.regenerate")) {
            Files.writeString(CHECKED_IN, generated);
        }
        assertThat(CHECKED_IN)
                .as("run: mvn -pl schemas test -Dcasetrail.regenerate=true")
                .exists();
        assertThat(Files.readString(CHECKED_IN))
                .as("schemas/EVENT_LOG.md is stale; run: mvn -pl schemas test -Dcasetrail.regenerate=true")
                .isEqualTo(generated);
    }
}
