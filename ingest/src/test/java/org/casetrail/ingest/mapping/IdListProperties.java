package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * A case identity or record id of several parts is the very text Jackson writes for the list, as
 * it was before it was written directly: pseudonyms made from earlier exports stay the same.
 */
class IdListProperties {

    @Property(tries = 500)
    void aListIsWrittenAsJacksonWritesIt(@ForAll @Size(max = 6) List<String> items) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        assertThat(IdList.of(items)).isEqualTo(array.toString());
    }

    @Property(tries = 1)
    void quotesBackslashesControlCharactersAndOtherScriptsAlike() {
        List<String> items = List.of("sre\"y", "a\\b", "tab\there", "line\nbreak", "\u0001", "ស្រីនាង", "é");
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        assertThat(IdList.of(items)).isEqualTo(array.toString());
    }
}
