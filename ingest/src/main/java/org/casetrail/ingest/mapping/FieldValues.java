package org.casetrail.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.casetrail.ingest.mapping.ContractField.Kind;
import org.casetrail.schemas.event.RejectReason;

/**
 * Turns the cells a {@link FieldRule} names into the contract's value for its field: a date in
 * ISO, a code of the vocabulary, a boolean, a grade, a list. A cell that does not give one is a
 * {@link RowFault} naming its column; a label no value map names is also told to {@code unmapped},
 * which shows it only when the column is not an identity column.
 */
final class FieldValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The stripped value of a column in the row being mapped, or null when the cell is empty. */
    interface Cells {
        String get(ColumnRef column) throws RowFault;

        /** The date of the snapshot being ingested, which a {@code snapshot_date} constant stands for. */
        LocalDate snapshotDate();
    }

    interface Unmapped {
        void label(ColumnRef column, String label);
    }

    private FieldValues() {}

    /** The field's value, or null when no column has one and there is no constant. */
    static JsonNode value(FieldRule rule, Cells cells, Unmapped unmapped) throws RowFault {
        Kind kind = rule.field().kind();
        if (kind.isList()) {
            return list(rule, cells, unmapped);
        }
        for (ColumnRef column : rule.columns()) {
            String text = cells.get(column);
            if (text != null) {
                return kind == Kind.CODE && rule.split() != null
                        ? NODES.textNode(severalLabels(rule, column, text, unmapped))
                        : typed(rule, column, text, unmapped);
            }
        }
        if (rule.fromSnapshotDate()) {
            return NODES.textNode(cells.snapshotDate().toString());
        }
        return rule.constant() == null ? null : typedConstant(kind, rule.constant());
    }

    private static JsonNode typed(FieldRule rule, ColumnRef column, String text, Unmapped unmapped) throws RowFault {
        Kind kind = rule.field().kind();
        if (kind == Kind.DATE) {
            LocalDate date = rule.dates().parse(text);
            if (date == null) {
                throw new RowFault(RejectReason.BAD_DATE, column.written());
            }
            return NODES.textNode(XlsxCellText.iso(date));
        }
        if (kind == Kind.TEXT) {
            return NODES.textNode(text);
        }
        String code = code(rule, text);
        if (code == null) {
            unmapped.label(column, text);
            throw new RowFault(
                    kind == Kind.GRADE ? RejectReason.BAD_VALUE : RejectReason.BAD_ENUM_VALUE, column.written());
        }
        return typedConstant(kind, code);
    }

    /**
     * The code of a label: through the value map, else the label itself where the field takes it
     * as written (a province, a centre) or where it already is a code, letter case aside.
     */
    private static String code(FieldRule rule, String text) {
        if (rule.values() != null) {
            return rule.values().code(text);
        }
        return switch (rule.field().kind()) {
            case CODE, CODE_LIST -> {
                String upper = Labels.normalise(text).toUpperCase(Locale.ROOT).replace(' ', '_');
                yield rule.field().codes().contains(upper) ? upper : null;
            }
            case BOOLEAN ->
                text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? text.toLowerCase(Locale.ROOT) : null;
            case GRADE -> grade(text);
            default -> text;
        };
    }

    private static String grade(String text) {
        String whole = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        if (whole.matches("\\d{1,2}") && Integer.parseInt(whole) <= 12) {
            return Integer.toString(Integer.parseInt(whole));
        }
        return null;
    }

    /** A multi-select cell of one field: its labels' codes must agree, or {@code several} decides. */
    private static String severalLabels(FieldRule rule, ColumnRef column, String text, Unmapped unmapped)
            throws RowFault {
        Set<String> codes = new LinkedHashSet<>();
        for (String label : parts(text, rule.split())) {
            String code = code(rule, label);
            if (code == null) {
                unmapped.label(column, label);
                throw new RowFault(RejectReason.BAD_ENUM_VALUE, column.written());
            }
            codes.add(code);
        }
        if (codes.isEmpty()) {
            throw new RowFault(RejectReason.MISSING_FIELD, column.written());
        }
        if (codes.size() == 1) {
            return codes.iterator().next();
        }
        if (rule.several() == null) {
            throw new RowFault(RejectReason.BAD_ENUM_VALUE, column.written());
        }
        return rule.several();
    }

    private static JsonNode list(FieldRule rule, Cells cells, Unmapped unmapped) throws RowFault {
        Set<String> items = new LinkedHashSet<>();
        for (ColumnRef column : rule.columns()) {
            String text = cells.get(column);
            if (text == null) {
                continue;
            }
            for (String part : rule.split() == null ? List.of(text) : parts(text, rule.split())) {
                if (rule.field().kind() == Kind.TEXT_LIST) {
                    items.add(part);
                } else {
                    String code = code(rule, part);
                    if (code == null) {
                        unmapped.label(column, part);
                        throw new RowFault(RejectReason.BAD_ENUM_VALUE, column.written());
                    }
                    items.add(code);
                }
            }
        }
        if (items.isEmpty() && rule.constant() != null) {
            items.add(rule.constant());
        }
        if (items.isEmpty()) {
            return null;
        }
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private static List<String> parts(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf(separator, from);
            String part = (at < 0 ? text.substring(from) : text.substring(from, at)).strip();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            if (at < 0) {
                return parts;
            }
            from = at + separator.length();
        }
    }

    private static JsonNode typedConstant(Kind kind, String value) {
        return switch (kind) {
            case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(value));
            case GRADE -> NODES.numberNode(Integer.parseInt(value));
            case TEXT_LIST, CODE_LIST -> NODES.arrayNode().add(value);
            default -> NODES.textNode(value);
        };
    }
}
