package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mapping file (docs/sources.md) and checks everything that can be checked without the
 * data: every key known, every column reference well formed, every code in its vocabulary, every
 * date pattern valid, every required field of a type mapped. What needs the files (a sheet, a
 * column) is checked by {@link MappedExport} before a row is read.
 */
public final class MappingLoader {

    private static final String[] TOP_KEYS = {"mapping_version", "source", "value_maps", "inputs"};
    private static final String[] INPUT_KEYS = {
        "name",
        "file",
        "format",
        "sheet",
        "header_row",
        "first_data_row",
        "delimiter",
        "quote",
        "encoding",
        "key",
        "link_key",
        "parent",
        "parent_key",
        "case_id",
        "person",
        "events",
        "optional"
    };

    private final String file;
    private FieldRuleReader fields;
    private EventRuleReader eventRules;

    private MappingLoader(String file) {
        this.file = file;
    }

    public static Mapping load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MappingException("mapping " + path + " does not exist");
        } catch (IOException e) {
            throw new MappingException(
                    "cannot read mapping " + path + ": " + e.getClass().getSimpleName());
        }
        return parse(text, path.getFileName().toString());
    }

    /** @param file the name messages give the mapping */
    public static Mapping parse(String text, String file) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new MappingLoader(file).mapping(YamlNode.parse(new StringReader(withoutBom), file));
    }

    private Mapping mapping(YamlNode root) {
        Entries top = Entries.of(file, root, "the mapping").allow(TOP_KEYS);
        String version = top.text("mapping_version");
        if (!version.strip().equals(Integer.toString(Mapping.VERSION))) {
            throw top.error(
                    "mapping_version",
                    "mapping_version " + version + " is not one this casetrail reads (" + Mapping.VERSION + ")");
        }
        String source = top.text("source");
        if (!source.matches("[A-Za-z0-9_.\\-]{1,64}")) {
            throw top.error("source", "source '" + source + "' must be letters, digits, '_', '.' or '-', up to 64");
        }
        fields = new FieldRuleReader(file, FieldRuleReader.namedMaps(top));
        eventRules = new EventRuleReader(file, fields);
        if (!(top.required("inputs") instanceof YamlNode.Sequence list)
                || list.items().isEmpty()) {
            throw top.error("inputs", "'inputs' must list at least one input");
        }
        Map<String, YamlNode> byName = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (YamlNode item : list.items()) {
            Entries input = Entries.of(file, item, "an input");
            String name = input.text("name");
            if (!name.matches("[A-Za-z0-9_\\-]{1,64}")) {
                throw input.error("name", "input name '" + name + "' must be letters, digits, '_' or '-'");
            }
            if (byName.put(name, item) != null) {
                throw input.error("name", "two inputs are named '" + name + "'");
            }
            order.add(name);
            parents.put(name, input.optionalText("parent"));
        }
        List<InputRule> inputs = new ArrayList<>();
        for (String name : order) {
            inputs.add(input(byName.get(name), name, depth(name, parents, byName)));
        }
        for (InputRule input : inputs) {
            if (input.parent() != null) {
                InputRule parent = inputs.stream()
                        .filter(i -> i.name().equals(input.parent()))
                        .findFirst()
                        .orElseThrow();
                if (parent.linkKey() == null) {
                    throw MappingException.at(
                            file,
                            parent.line(),
                            parent.describe() + " is the parent of '" + input.name()
                                    + "', so it needs a 'key' of one column (ODK's KEY) or a 'link_key' (Kobo's"
                                    + " _index): the column its children's parent_key holds");
                }
            }
        }
        return new Mapping(file, source, List.copyOf(inputs));
    }

    /** How many parents an input has; a parent that does not exist or a loop is refused. */
    private int depth(String name, Map<String, String> parents, Map<String, YamlNode> inputs) {
        Set<String> seen = new LinkedHashSet<>();
        String at = name;
        while (parents.get(at) != null) {
            if (!seen.add(at)) {
                throw MappingException.at(
                        file,
                        inputs.get(name).line(),
                        "inputs " + String.join(" -> ", seen) + " are each other's parent");
            }
            String parent = parents.get(at);
            if (!inputs.containsKey(parent)) {
                Entries input = Entries.of(file, inputs.get(at), "input '" + at + "'");
                throw input.error("parent", "input '" + at + "' has parent '" + parent + "', which is not an input");
            }
            at = parent;
        }
        return seen.size();
    }

    private InputRule input(YamlNode node, String name, int depth) {
        String where = "input '" + name + "'";
        Entries e = Entries.of(file, node, where).allow(INPUT_KEYS);
        String pattern = e.text("file");
        InputRule.Format format = format(e, pattern, where);
        boolean csv = format == InputRule.Format.CSV;
        for (String key : csv ? List.of("sheet") : List.of("delimiter", "quote", "encoding")) {
            if (e.has(key)) {
                throw e.error(
                        key,
                        "'" + key + "' is for " + (csv ? "a workbook" : "a CSV file") + "; " + where + " is "
                                + (csv ? "a CSV file" : "a workbook"));
            }
        }
        String sheet = csv ? null : e.text("sheet");
        int headerRow = e.integer("header_row", 1, 1);
        int dataRow = e.integer("first_data_row", headerRow + 1, 1);
        if (dataRow <= headerRow) {
            throw e.error("first_data_row", "'first_data_row' in " + where + " must come after its header_row");
        }
        List<ColumnRef> key = new ArrayList<>();
        for (YamlNode item : e.list("key")) {
            key.add(fields.column(e.scalar(item, "'key' in " + where), item.line(), where, 0));
        }
        String parent = e.optionalText("parent");
        ColumnRef parentKey = null;
        if (parent != null) {
            parentKey = fields.column(e.text("parent_key"), e.lineOf("parent_key"), where, 0);
        } else if (e.has("parent_key")) {
            throw e.error("parent_key", where + " has a 'parent_key' but no 'parent'");
        }
        CaseIdRule caseId = null;
        if (e.has("case_id")) {
            caseId = caseId(e.required("case_id"), where, depth);
        } else if (parent == null) {
            throw MappingException.at(
                    file, e.line(), where + " needs 'case_id': the column(s) that say whose case a row is");
        }
        List<FieldRule> person = new ArrayList<>();
        if (e.has("person")) {
            Entries block = Entries.of(file, e.node("person"), "'person' of " + where)
                    .allow(ContractFields.PERSON.keySet().toArray(String[]::new));
            for (String field : block.keys()) {
                person.add(fields.read(
                        ContractFields.PERSON.get(field),
                        block.node(field),
                        "person." + field + " of " + where,
                        depth));
            }
        }
        if (!(e.required("events") instanceof YamlNode.Sequence events)
                || events.items().isEmpty()) {
            throw e.error("events", where + " must list at least one event under 'events'");
        }
        List<EventRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : events.items()) {
            EventRule rule = eventRules.read(item, where, depth);
            if (!names.add(rule.name())) {
                throw MappingException.at(
                        file,
                        item.line(),
                        "two events of " + where + " are named '" + rule.name()
                                + "'; give each its own 'name' (it is part of their record ids)");
            }
            rules.add(rule);
        }
        return new InputRule(
                name,
                pattern,
                format,
                csv ? character(e, "delimiter", ',') : ',',
                csv ? character(e, "quote", '"') : '"',
                csv ? charset(e) : null,
                sheet,
                headerRow,
                dataRow,
                List.copyOf(key),
                linkKey(e, key, where),
                parent,
                parentKey,
                caseId,
                List.copyOf(person),
                List.copyOf(rules),
                e.bool("optional", false),
                e.line());
    }

    /** The column children link to: {@code link_key}, else a {@code key} of one column. */
    private ColumnRef linkKey(Entries e, List<ColumnRef> key, String where) {
        if (e.has("link_key")) {
            return fields.column(e.text("link_key"), e.lineOf("link_key"), where, 0);
        }
        return key.size() == 1 ? key.get(0) : null;
    }

    private InputRule.Format format(Entries e, String pattern, String where) {
        String declared = e.optionalText("format");
        String name = declared != null ? declared.toLowerCase(Locale.ROOT) : pattern.toLowerCase(Locale.ROOT);
        if (declared != null ? name.equals("csv") : name.endsWith(".csv")) {
            return InputRule.Format.CSV;
        }
        if (declared != null ? name.equals("xlsx") : name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return InputRule.Format.XLSX;
        }
        throw declared != null
                ? e.error("format", "format '" + declared + "' of " + where + " must be csv or xlsx")
                : e.error("file", "say 'format: csv' or 'format: xlsx' for " + where + "; its file name does not");
    }

    private char character(Entries e, String key, char otherwise) {
        String text = e.optionalText(key);
        if (text == null) {
            return otherwise;
        }
        if (text.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw e.error(key, "'" + key + "' in " + e.where() + " must be one character (or tab)");
        }
        return text.charAt(0);
    }

    private Charset charset(Entries e) {
        String name = e.optionalText("encoding");
        if (name == null || name.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw e.error("encoding", "encoding '" + name + "' of " + e.where() + " is not one this Java knows");
        }
    }

    private CaseIdRule caseId(YamlNode node, String where, int depth) {
        String what = "case_id of " + where;
        List<YamlNode> items;
        if (node instanceof YamlNode.Scalar) {
            items = List.of(node);
        } else if (node instanceof YamlNode.Sequence list) {
            items = list.items();
        } else {
            Entries e = Entries.of(file, node, what).allow("column", "columns");
            items = e.has("column") ? List.of(e.required("column")) : e.list("columns");
            if (items.isEmpty() || (e.has("column") && e.has("columns"))) {
                throw MappingException.at(file, node.line(), what + " needs one 'column' or a list of 'columns'");
            }
        }
        List<CaseIdRule.Part> parts = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar scalar) {
                parts.add(new CaseIdRule.Part(
                        fields.column(scalar.text() == null ? "" : scalar.text(), item.line(), what, depth),
                        null,
                        false));
            } else {
                Entries part = Entries.of(file, item, "a column of " + what).allow("column", "date_format", "optional");
                DatePatterns dates = part.has("date_format") ? fields.datePatterns(part, what) : null;
                parts.add(new CaseIdRule.Part(
                        fields.column(part.text("column"), part.lineOf("column"), what, depth),
                        dates,
                        part.bool("optional", false)));
            }
        }
        if (parts.stream().allMatch(CaseIdRule.Part::optional)) {
            throw MappingException.at(file, node.line(), what + " needs at least one column that is not optional");
        }
        return new CaseIdRule(List.copyOf(parts), node.line());
    }
}
