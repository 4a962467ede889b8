package org.casetrail.ingest.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casetrail.ingest.mapping.ContractField.Kind;

/**
 * What every column a mapping names becomes, by input and column name, and which columns are
 * identity columns: those that hold or may hold who a woman is (her case identity, her person
 * block, the row keys, free text). An identity column's values are never printed, not even as a
 * label no value map names.
 */
final class ColumnRoles {

    private final Map<String, Map<String, List<String>>> roles = new HashMap<>();
    private final Map<String, Set<String>> identity = new HashMap<>();
    private final Mapping mapping;

    private ColumnRoles(Mapping mapping) {
        this.mapping = mapping;
    }

    static ColumnRoles of(Mapping mapping) {
        ColumnRoles roles = new ColumnRoles(mapping);
        for (InputRule input : mapping.inputs()) {
            roles.collect(input);
        }
        return roles;
    }

    /** What a column of an input's table becomes, in the order the mapping names it; empty: not read. */
    List<String> of(String input, String column) {
        return roles.getOrDefault(input, Map.of()).getOrDefault(column, List.of());
    }

    /** The columns of an input's own table that the mapping reads, its descendants' reads included. */
    Set<String> columns(String input) {
        return roles.getOrDefault(input, Map.of()).keySet();
    }

    /** Whether a label of this column may be shown: never for an identity column. */
    boolean printable(InputRule reader, ColumnRef column) {
        InputRule owner = owner(reader, column);
        return !identity.getOrDefault(owner.name(), Set.of()).contains(column.name());
    }

    /** The input whose table a reference reads: {@code ../X} is the parent's column X. */
    InputRule owner(InputRule reader, ColumnRef column) {
        InputRule at = reader;
        for (int up = 0; up < column.depth(); up++) {
            at = mapping.input(at.parent()).orElseThrow();
        }
        return at;
    }

    private void collect(InputRule input) {
        for (ColumnRef key : input.key()) {
            add(input, key, "record key", true);
        }
        if (input.linkKey() != null && !input.key().contains(input.linkKey())) {
            add(input, input.linkKey(), "link key", true);
        }
        if (input.parentKey() != null) {
            add(input, input.parentKey(), "parent key (input '" + input.parent() + "')", true);
        }
        if (input.caseId() != null) {
            for (CaseIdRule.Part part : input.caseId().parts()) {
                add(input, part.column(), "case_id (identity)", true);
            }
        }
        for (FieldRule rule : input.person()) {
            addField(input, rule, rule.field().path());
        }
        for (EventRule event : input.events()) {
            if (event.type().column() != null) {
                add(
                        input,
                        event.type().column(),
                        event.name() + ": type" + mapNote(event.type().values()),
                        false);
            }
            if (event.when() != null) {
                add(input, event.when().column(), event.name() + ": when", false);
            }
            for (FieldRule rule : event.fields()) {
                addField(input, rule, event.name() + ": " + rule.field().path());
            }
        }
    }

    private void addField(InputRule input, FieldRule rule, String role) {
        // A free text, a date or an identifier may name or date a person: never shown as a label.
        boolean sensitive = rule.field().personal()
                || rule.freeText()
                || rule.field().kind() == Kind.TEXT
                || rule.field().kind() == Kind.TEXT_LIST
                || rule.field().kind() == Kind.DATE;
        for (int i = 0; i < rule.columns().size(); i++) {
            String note =
                    (i == 0 ? "" : " (fallback)") + mapNote(rule.values()) + (rule.freeText() ? " (free text)" : "");
            add(input, rule.columns().get(i), role + note, sensitive);
        }
    }

    private static String mapNote(ValueMap values) {
        if (values == null) {
            return "";
        }
        return values.name() == null ? " (value map)" : " (value map '" + values.name() + "')";
    }

    private void add(InputRule reader, ColumnRef column, String role, boolean sensitive) {
        InputRule owner = owner(reader, column);
        String described = owner == reader ? role : "input '" + reader.name() + "' " + role;
        roles.computeIfAbsent(owner.name(), k -> new LinkedHashMap<>())
                .computeIfAbsent(column.name(), k -> new ArrayList<>())
                .add(described);
        if (sensitive) {
            identity.computeIfAbsent(owner.name(), k -> new HashSet<>()).add(column.name());
        }
    }
}
