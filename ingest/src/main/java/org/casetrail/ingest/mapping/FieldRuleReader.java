package org.casetrail.ingest.mapping;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.casetrail.ingest.mapping.ContractField.Kind;
import org.casetrail.ingest.pseudonym.Provinces;

/**
 * Reads how a contract field is filled ({@code {column: ..., fallback_column: ..., values: ...}})
 * and checks it against the field on load: a code a vocabulary does not have, a constant of the
 * wrong shape or a date pattern that does not parse is refused here, not found in the data.
 */
final class FieldRuleReader {

    private static final String[] KEYS = {
        "column",
        "fallback_column",
        "columns",
        "constant",
        "fallback",
        "values",
        "date_format",
        "split",
        "several",
        "free_text"
    };

    private final String file;
    /** Value maps declared under {@code value_maps}, by name, not yet checked against a field. */
    private final Map<String, YamlNode> namedMaps;

    FieldRuleReader(String file, Map<String, YamlNode> namedMaps) {
        this.file = file;
        this.namedMaps = namedMaps;
    }

    /**
     * @param depth how many parents the input has: how far {@code ../} may reach
     */
    FieldRule read(ContractField field, YamlNode node, String where, int depth) {
        if (node instanceof YamlNode.Scalar scalar) {
            if (scalar.text() == null || scalar.text().isBlank()) {
                throw MappingException.at(file, node.line(), where + " names no column");
            }
            ColumnRef column = column(scalar.text(), node.line(), where, depth);
            return new FieldRule(
                    field, List.of(column), null, null, DatePatterns.ISO_ONLY, null, null, false, node.line());
        }
        Entries e = Entries.of(file, node, where).allow(KEYS);
        List<ColumnRef> columns = new ArrayList<>();
        if (e.has("columns")) {
            if (!field.kind().isList()) {
                throw e.error(
                        "columns",
                        "'columns' is for a list field (aliases, support); " + where
                                + " takes one 'column' and its 'fallback_column'");
            }
            for (YamlNode item : e.list("columns")) {
                columns.add(column(e.scalar(item, "'columns' in " + where), item.line(), where, depth));
            }
        }
        if (e.has("column")) {
            columns.add(0, column(e.text("column"), e.lineOf("column"), where, depth));
        }
        if (e.has("fallback_column")) {
            if (!e.has("column")) {
                throw e.error("fallback_column", where + " has a 'fallback_column' but no 'column'");
            }
            for (YamlNode item : e.list("fallback_column")) {
                columns.add(column(e.scalar(item, "'fallback_column' in " + where), item.line(), where, depth));
            }
        }
        String constant = null;
        if (e.has("constant")) {
            if (!columns.isEmpty()) {
                throw e.error(
                        "constant",
                        where + " has both a column and a 'constant'; a value for when the"
                                + " column is empty is a 'fallback'");
            }
            constant = constant(field, e.text("constant"), e.lineOf("constant"), where);
        } else if (e.has("fallback")) {
            if (columns.isEmpty()) {
                throw e.error("fallback", where + " has a 'fallback' but no column; a fixed value is a 'constant'");
            }
            constant = constant(field, e.text("fallback"), e.lineOf("fallback"), where);
        } else if (columns.isEmpty()) {
            throw MappingException.at(file, e.line(), where + " needs a 'column' or a 'constant'");
        }
        ValueMap values = null;
        if (e.has("values")) {
            if (!field.kind().takesValueMap()) {
                throw e.error("values", where + " takes its value as written; 'values' is for vocabularies");
            }
            values = valueMap(e.required("values"), field, where);
        }
        DatePatterns dates = DatePatterns.ISO_ONLY;
        if (e.has("date_format")) {
            if (field.kind() != Kind.DATE) {
                throw e.error("date_format", where + " is not a date; 'date_format' is for dates");
            }
            dates = datePatterns(e, where);
        }
        String split = e.optionalText("split");
        if (split != null && !(field.kind().isList() || field.kind() == Kind.CODE)) {
            throw e.error("split", "'split' is for a list or a vocabulary; " + where + " holds one value");
        }
        if (split != null && split.isEmpty()) {
            throw e.error("split", "'split' in " + where + " must be the separator, such as ';'");
        }
        String several = null;
        if (e.has("several")) {
            if (split == null || field.kind() != Kind.CODE) {
                throw e.error(
                        "several",
                        "'several' says which code a cell of several labels gives; " + where
                                + " needs a 'split' for it");
            }
            several = constant(field, e.text("several"), e.lineOf("several"), where);
        }
        boolean freeText = e.bool("free_text", false);
        if (freeText && columns.isEmpty()) {
            throw e.error("free_text", where + " reads no column; 'free_text' says a column is free text");
        }
        return new FieldRule(field, List.copyOf(columns), constant, values, dates, split, several, freeText, e.line());
    }

    DatePatterns datePatterns(Entries e, String where) {
        List<String> patterns = new ArrayList<>();
        List<DateTimeFormatter> formatters = new ArrayList<>();
        for (YamlNode item : e.list("date_format")) {
            String pattern = e.scalar(item, "'date_format' in " + where);
            try {
                formatters.add(DatePatterns.compile(pattern));
            } catch (IllegalArgumentException bad) {
                throw MappingException.at(
                        file, item.line(), "date pattern '" + pattern + "' in " + where + ": " + bad.getMessage());
            }
            patterns.add(pattern);
        }
        return new DatePatterns(List.copyOf(patterns), List.copyOf(formatters));
    }

    ColumnRef column(String written, int line, String where, int depth) {
        ColumnRef column = ColumnRef.parse(written, line);
        if (column.name().isBlank()) {
            throw MappingException.at(file, line, where + " names an empty column");
        }
        if (column.depth() > depth) {
            throw MappingException.at(
                    file,
                    line,
                    "column '" + written + "' in " + where + " reaches above "
                            + (depth == 0 ? "an input without a 'parent'" : depth + " parent input(s)"));
        }
        return column;
    }

    /**
     * A value map for a field: named under {@code value_maps} or written in place, as {@code CODE:
     * [label, ...]}; every code must be one of the field's.
     */
    ValueMap valueMap(YamlNode node, ContractField field, String where) {
        String name = null;
        YamlNode body = node;
        if (node instanceof YamlNode.Scalar scalar) {
            name = scalar.text();
            body = namedMaps.get(name);
            if (body == null) {
                throw MappingException.at(
                        file, node.line(), where + " uses value map '" + name + "', which 'value_maps' does not have");
            }
        }
        Entries codes = Entries.of(file, body, name == null ? "the values of " + where : "value map '" + name + "'");
        Map<String, String> byLabel = new HashMap<>();
        for (String code : codes.keys()) {
            String canonical = constant(field, code, codes.lineOf(code), "value map of " + where);
            for (YamlNode label : codes.list(code)) {
                String text = codes.scalar(label, "a label of " + code);
                if (text == null || text.isBlank()) {
                    throw MappingException.at(file, label.line(), "an empty label under " + code);
                }
                String earlier = byLabel.put(Labels.normalise(text), canonical);
                if (earlier != null && !earlier.equals(canonical)) {
                    throw MappingException.at(
                            file, label.line(), "label '" + text + "' is under both " + earlier + " and " + canonical);
                }
            }
        }
        return new ValueMap(name, Map.copyOf(byLabel));
    }

    /** A value as the field will carry it, or why it cannot be one. */
    String constant(ContractField field, String text, int line, String where) {
        String value = text.strip();
        String canonical = switch (field.kind()) {
            case CODE, CODE_LIST -> {
                String upper = value.toUpperCase(Locale.ROOT);
                yield field.codes().contains(upper) ? upper : null;
            }
            case BOOLEAN ->
                value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? value.toLowerCase(Locale.ROOT)
                        : null;
            case GRADE -> value.matches("\\d{1,2}") && Integer.parseInt(value) <= 12 ? value : null;
            case CENTRE -> value.matches("[A-Za-z0-9_]{1,32}") && !value.equalsIgnoreCase("ALL") ? value : null;
            case NATIONALITY -> value.matches("[A-Z]{2}") ? value : null;
            case PROVINCE -> Provinces.canonical(value).orElse(null);
            case DATE -> value.equals(FieldRule.SNAPSHOT_DATE) ? value : isoDate(value);
            case TEXT, TEXT_LIST -> value.isEmpty() ? null : value;
        };
        if (canonical == null) {
            throw MappingException.at(file, line, "'" + value + "' in " + where + " is not " + expected(field));
        }
        return canonical;
    }

    private static String isoDate(String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String expected(ContractField field) {
        return switch (field.kind()) {
            case CODE, CODE_LIST -> "a code of " + field.path() + " (" + String.join(", ", field.codes()) + ")";
            case BOOLEAN -> "true or false";
            case GRADE -> "a grade from 0 to 12";
            case CENTRE -> "a centre code (letters, digits and _, up to 32, not ALL)";
            case NATIONALITY -> "an ISO 3166 two-letter code such as KH";
            case PROVINCE -> "a province of the vocabulary (docs/input.md)";
            case DATE -> "an ISO date such as 2009-03-14, or snapshot_date";
            case TEXT, TEXT_LIST -> "a text";
        };
    }

    static Map<String, YamlNode> namedMaps(Entries top) {
        Map<String, YamlNode> maps = new LinkedHashMap<>();
        if (top.has("value_maps")) {
            Entries named = Entries.of(top.file(), top.node("value_maps"), "value_maps");
            for (String name : named.keys()) {
                maps.put(name, named.node(name));
            }
        }
        return maps;
    }
}
