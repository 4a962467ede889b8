package org.casetrail.ingest.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of one block of a mapping file, read with the checks every block needs: no key it does
 * not know, values of the right shape, and errors that name the file, the line and the block.
 */
final class Entries {

    private final String file;
    private final YamlNode.Mapping block;
    /** What the block is, for messages: {@code input 'cases'}, {@code event 'identified' of input 'cases'}. */
    private final String where;

    private Entries(String file, YamlNode.Mapping block, String where) {
        this.file = file;
        this.block = block;
        this.where = where;
    }

    static Entries of(String file, YamlNode node, String where) {
        if (!(node instanceof YamlNode.Mapping block)) {
            throw MappingException.at(file, node.line(), where + " must be a block of keys");
        }
        return new Entries(file, block, where);
    }

    String file() {
        return file;
    }

    String where() {
        return where;
    }

    int line() {
        return block.line();
    }

    int lineOf(String key) {
        return block.lineOf(key);
    }

    Set<String> keys() {
        return block.entries().keySet();
    }

    /** Refuses any key not among those given. */
    Entries allow(String... known) {
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
        for (String key : block.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw error(
                        key, "unknown key '" + key + "' in " + where + "; known keys: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    boolean has(String key) {
        return block.entries().containsKey(key);
    }

    YamlNode node(String key) {
        return block.entries().get(key);
    }

    YamlNode required(String key) {
        YamlNode node = node(key);
        if (node == null) {
            throw MappingException.at(file, block.line(), where + " needs '" + key + "'");
        }
        return node;
    }

    String text(String key) {
        String text = optionalText(key);
        if (text == null || text.isBlank()) {
            throw MappingException.at(file, has(key) ? lineOf(key) : block.line(), where + " needs '" + key + "'");
        }
        return text;
    }

    String optionalText(String key) {
        YamlNode node = node(key);
        if (node == null) {
            return null;
        }
        return scalar(node, "'" + key + "' in " + where);
    }

    int integer(String key, int otherwise, int least) {
        String text = optionalText(key);
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, "'" + key + "' in " + where + " must be a whole number from " + least);
    }

    boolean bool(String key, boolean otherwise) {
        String text = optionalText(key);
        if (text == null) {
            return otherwise;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error(key, "'" + key + "' in " + where + " must be true or false");
    }

    /** A key's value as a list of texts: a single text is a list of one. */
    List<YamlNode> list(String key) {
        YamlNode node = node(key);
        if (node == null) {
            return List.of();
        }
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items();
        }
        return List.of(node);
    }

    List<String> texts(String key) {
        List<String> texts = new ArrayList<>();
        for (YamlNode item : list(key)) {
            texts.add(scalar(item, "'" + key + "' in " + where));
        }
        return texts;
    }

    MappingException error(String key, String message) {
        return MappingException.at(file, has(key) ? lineOf(key) : block.line(), message);
    }

    String scalar(YamlNode node, String what) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            throw MappingException.at(file, node.line(), what + " must be a single value");
        }
        return scalar.text();
    }
}
