package org.casetrail.ingest.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping file as a tree whose every node knows its line, so that a mistake can be named where
 * it was written. Scalars keep the text as written ({@code Yes} stays {@code Yes}, not a boolean),
 * since labels in value maps are compared as text.
 */
sealed interface YamlNode {

    int line();

    record Scalar(int line, String text) implements YamlNode {}

    record Sequence(int line, List<YamlNode> items) implements YamlNode {}

    /** Keys in the order written, each with the line of the key itself. */
    record Mapping(int line, Map<String, YamlNode> entries, Map<String, Integer> keyLines) implements YamlNode {

        int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    /** Parses one YAML document; a syntax error or a key given twice is a {@link MappingException}. */
    static YamlNode parse(Reader text, String file) {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw MappingException.at(file, 1, "the mapping file is empty");
            }
            return read(parser, file);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr()
                    : 1;
            // The parser's own message quotes the text around the fault: the mapping's text, no data.
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                    ? p.getOriginalMessage().lines().findFirst().orElse("not YAML")
                    : e.getClass().getSimpleName();
            throw MappingException.at(file, line, "not valid YAML: " + reason);
        }
    }

    private static YamlNode read(JsonParser parser, String file) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw MappingException.at(file, keyLine, "key '" + key + "' is given twice");
                    }
                    parser.nextToken();
                    entries.put(key, read(parser, file));
                    keyLines.put(key, keyLine);
                }
                return new Mapping(line, Collections.unmodifiableMap(entries), keyLines);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, file));
                }
                return new Sequence(line, List.copyOf(items));
            }
            case VALUE_NULL -> {
                return new Scalar(line, null);
            }
            default -> {
                return new Scalar(line, parser.getText());
            }
        }
    }
}
