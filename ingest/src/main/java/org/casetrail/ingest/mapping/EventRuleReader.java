package org.casetrail.ingest.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.casetrail.ingest.mapping.ContractField.Kind;
import org.casetrail.schemas.event.EventType;

/**
 * Reads one event of an input ({@code type}, {@code when}, the record's fields and the type's
 * details) and checks it against the contract on load: a type a mapping cannot make, a detail the
 * type does not have, a required field left unmapped.
 */
final class EventRuleReader {

    private static final String[] EVENT_KEYS = {
        "name", "type", "when", "occurred_at", "recorded_at", "centre", "narrative", "details"
    };

    private final String file;
    private final FieldRuleReader fields;

    EventRuleReader(String file, FieldRuleReader fields) {
        this.file = file;
        this.fields = fields;
    }

    EventRule read(YamlNode node, String input, int depth) {
        Entries e = Entries.of(file, node, "an event of " + input).allow(EVENT_KEYS);
        TypeRule type = type(e, input, depth);
        String name = e.optionalText("name");
        if (name == null) {
            if (type.fixed() == null) {
                throw MappingException.at(
                        file, e.line(), "an event of " + input + " whose type comes from a column needs a 'name'");
            }
            name = type.fixed().name().toLowerCase(Locale.ROOT);
        }
        if (!name.matches("[A-Za-z0-9_\\-]{1,64}")) {
            throw e.error("name", "event name '" + name + "' must be letters, digits, '_' or '-'");
        }
        String where = "event '" + name + "' of " + input;
        Condition when = e.has("when") ? condition(e.required("when"), where, depth) : null;
        List<FieldRule> rules = new ArrayList<>();
        for (String key : List.of("occurred_at", "recorded_at", "centre", "narrative")) {
            if (e.has(key)) {
                rules.add(fields.read(ContractFields.RECORD.get(key), e.node(key), key + " of " + where, depth));
            }
        }
        List<EventType> types = type.fixed() != null
                ? List.of(type.fixed())
                : type.values().codes().values().stream()
                        .distinct()
                        .map(EventType::valueOf)
                        .toList();
        if (e.has("details")) {
            Entries details = Entries.of(file, e.node("details"), "'details' of " + where);
            for (String key : details.keys()) {
                ContractField field = types.stream()
                        .map(t -> ContractFields.details(t).get(key))
                        .filter(f -> f != null)
                        .findFirst()
                        .orElseThrow(() -> details.error(
                                key,
                                "details." + key + " is not a detail of "
                                        + String.join(
                                                " or ",
                                                types.stream().map(Enum::name).toList())
                                        + " (docs/input.md)"));
                rules.add(fields.read(field, details.node(key), "details." + key + " of " + where, depth));
            }
        }
        if (type.fixed() != null) {
            requireFields(type.fixed(), rules, e, where);
        } else if (rules.stream().noneMatch(r -> r.field().path().equals("occurred_at"))) {
            throw MappingException.at(file, e.line(), where + " needs 'occurred_at'");
        }
        return new EventRule(name, type, when, List.copyOf(rules), e.line());
    }

    private TypeRule type(Entries e, String input, int depth) {
        YamlNode node = e.required("type");
        if (node instanceof YamlNode.Scalar scalar) {
            String text = scalar.text() == null ? "" : scalar.text().strip();
            if (!ContractFields.mappableTypes().contains(text)) {
                throw e.error(
                        "type",
                        "type '" + text + "' of an event of " + input + " is not one a mapping can make ("
                                + String.join(", ", ContractFields.mappableTypes()) + ")");
            }
            return TypeRule.of(EventType.valueOf(text));
        }
        String where = "the type of an event of " + input;
        Entries t = Entries.of(file, node, where).allow("column", "values");
        ContractField typeField = new ContractField("type", Kind.CODE, ContractFields.mappableTypes(), true, false);
        return new TypeRule(
                null,
                fields.column(t.text("column"), t.lineOf("column"), where, depth),
                fields.valueMap(t.required("values"), typeField, where));
    }

    private Condition condition(YamlNode node, String where, int depth) {
        if (node instanceof YamlNode.Scalar scalar) {
            return new Condition(
                    fields.column(scalar.text() == null ? "" : scalar.text(), node.line(), where, depth), Set.of());
        }
        Entries e = Entries.of(file, node, "'when' of " + where).allow("column", "in");
        Set<String> labels = new HashSet<>();
        for (String label : e.texts("in")) {
            labels.add(Labels.normalise(label));
        }
        if (e.has("in") && labels.isEmpty()) {
            throw e.error("in", "'in' of " + where + " lists no label");
        }
        return new Condition(fields.column(e.text("column"), e.lineOf("column"), where, depth), Set.copyOf(labels));
    }

    /** What every record of a type needs (docs/input.md), mapped from a column or a constant. */
    private void requireFields(EventType type, List<FieldRule> rules, Entries e, String where) {
        Set<String> mapped = new HashSet<>();
        rules.forEach(r -> mapped.add(r.field().path()));
        List<String> needed = new ArrayList<>(List.of("occurred_at"));
        ContractFields.details(type).values().stream()
                .filter(ContractField::required)
                .forEach(f -> needed.add(f.path()));
        if (type == EventType.CASE_IDENTIFIED) {
            needed.add("centre");
        }
        if (type == EventType.TESTIMONY_RECORDED) {
            needed.add("narrative");
        }
        for (String path : needed) {
            if (!mapped.contains(path)) {
                throw MappingException.at(
                        file,
                        e.line(),
                        where + " needs '" + path + "': every " + type + " has one (a column or a constant)");
            }
        }
        if (type == EventType.SHELTER_ADMITTED && !mapped.contains("centre") && !mapped.contains("details.centre")) {
            throw MappingException.at(file, e.line(), where + " needs 'centre' or 'details.centre': the shelter");
        }
    }
}
