package org.casetrail.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.RejectReason;

/**
 * Makes the records of the input contract from the rows of one table, as its input's rules say:
 * each row makes each event whose condition it meets, with the case identity, the person block and
 * the record id derived from the row. Only the columns the mapping names are read.
 *
 * <p>Every row is accounted for: its events become records; an event that cannot be made is one
 * reject naming its column; a row that makes no event at all (unreadable, no identity, no parent
 * row) is one reject. A record's id is the input's name, the event's name, the case identity and
 * the row's key within its case: never its position, so re-sorted rows are the same records.
 */
final class RowMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final InputRule input;
    private final HeaderColumns header;
    private final Map<String, LinkedRow> parents;
    private final Map<String, LinkedRow> kept;
    private final Set<String> keptColumns;
    private final ColumnRoles roles;
    private final MappingObserver observer;
    private final LocalDate snapshotDate;
    /** The column of each field of an event's records; by identity, as a record's hash walks all its rules. */
    private final Map<EventRule, Map<String, String>> columnsOf = new IdentityHashMap<>();
    /** The fields of each event's records, where each goes worked out once. */
    private final Map<EventRule, List<Slot>> slotsOf = new IdentityHashMap<>();

    /**
     * Where a field's value goes in a record: a detail of its type, or a field of the record
     * itself; and the types whose records have it (every type, for a field of the record itself).
     */
    private record Slot(FieldRule rule, boolean detail, String name, Set<EventType> types) {}

    private final int[] readPositions;

    /**
     * @param parents     the parent input's rows by key, for a linked input; else null
     * @param kept        where this input's rows are kept by key for its children; else null
     * @param keptColumns the columns its descendants read with {@code ../}
     */
    RowMapper(
            Mapping mapping,
            InputRule input,
            HeaderColumns header,
            Map<String, LinkedRow> parents,
            Map<String, LinkedRow> kept,
            Set<String> keptColumns,
            ColumnRoles roles,
            MappingObserver observer,
            LocalDate snapshotDate) {
        this.source = mapping.source();
        this.snapshotDate = snapshotDate;
        this.input = input;
        this.header = header;
        this.parents = parents;
        this.kept = kept;
        this.keptColumns = keptColumns;
        this.roles = roles;
        this.observer = observer;
        for (EventRule event : input.events()) {
            columnsOf.put(event, fieldColumns(event));
            slotsOf.put(event, event.fields().stream().map(rule -> slot(rule)).toList());
        }
        this.readPositions = header.boundPositions();
    }

    void map(SourceRow row, Consumer<ExportRecord> records) {
        if (row.unreadable() == null && nothingRead(row)) {
            return;
        }
        observer.row(input.name());
        if (row.unreadable() != null) {
            records.accept(ExportRecord.refused(row.number(), row.unreadable(), null, null));
            return;
        }
        ObjectNode ids = NODES.objectNode().put("source", source);
        try {
            LinkedRow parent = parent(row);
            Cells cells = new Cells(row, parent);
            String caseId;
            RowFault identityFault = null;
            try {
                caseId = caseId(cells, parent);
            } catch (RowFault fault) {
                caseId = null;
                identityFault = fault;
            }
            if (kept != null) {
                keep(row, cells, caseId, identityFault, parent);
            }
            if (identityFault != null) {
                throw identityFault;
            }
            ids.put("case_id", caseId);
            List<String> key = key(cells);
            ObjectNode person = person(cells);
            for (EventRule event : input.events()) {
                event(event, row.number(), cells, caseId, key, person, records);
            }
        } catch (RowFault fault) {
            records.accept(ExportRecord.refused(row.number(), fault.reason(), fault.column(), ids));
        }
    }

    /**
     * Whether every cell the mapping reads is empty: such a row is no row. The HTCDS template
     * numbers a thousand rows in a column no mapping reads, and Excel leaves formatted empty rows.
     */
    private boolean nothingRead(SourceRow row) {
        for (int position : readPositions) {
            if (row.cell(position) != null || row.isError(position)) {
                return false;
            }
        }
        return true;
    }

    private void event(
            EventRule event,
            long number,
            Cells cells,
            String caseId,
            List<String> key,
            ObjectNode person,
            Consumer<ExportRecord> records) {
        try {
            if (event.when() != null && !meets(event.when(), cells)) {
                observer.skipped(input.name(), event.name());
                return;
            }
        } catch (RowFault fault) {
            records.accept(ExportRecord.refused(number, fault.reason(), fault.column(), ids(event, caseId, key)));
            return;
        }
        ObjectNode record = ids(event, caseId, key);
        try {
            EventType type = type(event.type(), cells);
            record.put("type", type.name());
            ObjectNode detailsNode = null;
            for (Slot slot : slotsOf.get(event)) {
                if (!slot.types().contains(type)) {
                    continue; // a detail of another type this column's events can have
                }
                JsonNode value = FieldValues.value(slot.rule(), cells, cells::unmapped);
                if (value == null) {
                    continue;
                }
                if (!slot.detail()) {
                    record.set(slot.name(), value);
                } else {
                    if (detailsNode == null) {
                        detailsNode = record.putObject("details");
                    }
                    detailsNode.set(slot.name(), value);
                }
            }
            if (person != null) {
                record.set("person", person);
            }
            records.accept(ExportRecord.mapped(number, record, columnsOf.get(event), datedBySnapshot(event, cells)));
        } catch (RowFault fault) {
            records.accept(ExportRecord.refused(number, fault.reason(), fault.column(), record));
        }
    }

    private static Slot slot(FieldRule rule) {
        boolean detail = rule.field().path().startsWith("details.");
        String name = rule.field().name();
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (!detail || ContractFields.details(type).containsKey(name)) {
                types.add(type);
            }
        }
        return new Slot(rule, detail, name, types);
    }

    /** A record's ids: its source, its id (input, event, case identity, row key) and its case. */
    private ObjectNode ids(EventRule event, String caseId, List<String> key) {
        List<String> recordId = new ArrayList<>(3 + key.size());
        recordId.add(input.name());
        recordId.add(event.name());
        recordId.add(caseId);
        recordId.addAll(key);
        return NODES.objectNode()
                .put("source", source)
                .put("source_event_id", IdList.of(recordId))
                .put("case_id", caseId);
    }

    /** Whether the record's date is the snapshot's, for want of a date column with a value. */
    private static boolean datedBySnapshot(EventRule event, Cells cells) throws RowFault {
        for (FieldRule rule : event.fields()) {
            if (rule.field().path().equals("occurred_at") && rule.fromSnapshotDate()) {
                for (ColumnRef column : rule.columns()) {
                    if (cells.get(column) != null) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private LinkedRow parent(SourceRow row) throws RowFault {
        if (input.parent() == null) {
            return null;
        }
        String parentKey = row.cell(header.position(input.parentKey().name()));
        if (parentKey == null) {
            throw new RowFault(RejectReason.MISSING_FIELD, input.parentKey().written());
        }
        LinkedRow parent = parents.get(parentKey);
        if (parent == null) {
            // A repeat row whose submission is not in the export: nothing says whose it is.
            throw new RowFault(RejectReason.BAD_VALUE, input.parentKey().written());
        }
        return parent;
    }

    private String caseId(Cells cells, LinkedRow parent) throws RowFault {
        if (input.caseId() == null) {
            if (parent.fault() != null) {
                throw new RowFault(
                        parent.fault().reason(), "../" + parent.fault().column());
            }
            return parent.caseId();
        }
        List<String> parts = new ArrayList<>(input.caseId().parts().size());
        for (CaseIdRule.Part part : input.caseId().parts()) {
            String value = cells.get(part.column());
            if (value == null) {
                if (!part.optional()) {
                    throw new RowFault(RejectReason.MISSING_FIELD, part.column().written());
                }
                parts.add("");
            } else if (part.dates() != null) {
                var date = part.dates().parse(value);
                if (date == null) {
                    throw new RowFault(RejectReason.BAD_DATE, part.column().written());
                }
                parts.add(XlsxCellText.iso(date));
            } else {
                parts.add(Labels.normalise(value));
            }
        }
        // One column is the id as normalised; several are a JSON list, so no two lists read alike.
        return parts.size() == 1 ? parts.get(0) : IdList.of(parts);
    }

    private void keep(SourceRow row, Cells cells, String caseId, RowFault fault, LinkedRow parent) throws RowFault {
        String key = row.cell(header.position(input.linkKey().name()));
        if (key == null) {
            throw new RowFault(RejectReason.MISSING_FIELD, input.linkKey().written());
        }
        Map<String, String> values = new HashMap<>();
        for (String column : keptColumns) {
            values.put(column, cells.get(new ColumnRef(column, 0, 0)));
        }
        kept.put(key, new LinkedRow(caseId, fault, values, parent));
    }

    private List<String> key(Cells cells) throws RowFault {
        List<String> values = new ArrayList<>();
        for (ColumnRef column : input.key()) {
            String value = cells.get(column);
            if (value == null) {
                throw new RowFault(RejectReason.MISSING_FIELD, column.written());
            }
            values.add(Labels.normalise(value));
        }
        return values;
    }

    private ObjectNode person(Cells cells) throws RowFault {
        if (input.person().isEmpty()) {
            return null;
        }
        ObjectNode person = NODES.objectNode();
        for (FieldRule rule : input.person()) {
            JsonNode value = FieldValues.value(rule, cells, cells::unmapped);
            if (value != null) {
                person.set(rule.field().name(), value);
            }
        }
        return person.isEmpty() ? null : person;
    }

    private boolean meets(Condition when, Cells cells) throws RowFault {
        String value = cells.get(when.column());
        return value != null && (when.labels().isEmpty() || when.labels().contains(Labels.normalise(value)));
    }

    private EventType type(TypeRule rule, Cells cells) throws RowFault {
        if (rule.fixed() != null) {
            return rule.fixed();
        }
        String label = cells.get(rule.column());
        if (label == null) {
            throw new RowFault(RejectReason.MISSING_FIELD, rule.column().written());
        }
        String code = rule.values().code(label);
        if (code == null) {
            cells.unmapped(rule.column(), label);
            throw new RowFault(RejectReason.UNKNOWN_TYPE, rule.column().written());
        }
        return EventType.valueOf(code);
    }

    /** The column of each contract field of an event's records, for the rejects the translator makes. */
    private Map<String, String> fieldColumns(EventRule event) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (input.caseId() != null) {
            columns.put(
                    "case_id",
                    input.caseId().parts().stream()
                            .map(p -> p.column().written())
                            .collect(Collectors.joining(" + ")));
        }
        if (event.type().column() != null) {
            columns.put("type", event.type().column().written());
        }
        for (FieldRule rule : input.person()) {
            if (rule.column() != null) {
                columns.put(rule.field().path(), rule.column());
            }
        }
        for (FieldRule rule : event.fields()) {
            if (rule.column() != null) {
                columns.put(rule.field().path(), rule.column());
            }
        }
        return Map.copyOf(columns);
    }

    /** The cells of the row being mapped and of its parent rows, as the mapping names them. */
    private final class Cells implements FieldValues.Cells {
        private final SourceRow row;
        private final LinkedRow parent;

        Cells(SourceRow row, LinkedRow parent) {
            this.row = row;
            this.parent = parent;
        }

        @Override
        public String get(ColumnRef column) throws RowFault {
            if (column.depth() > 0) {
                LinkedRow at = parent.up(column.depth());
                return at == null ? null : at.values().get(column.name());
            }
            int position = header.position(column.name());
            if (row.isError(position)) {
                throw new RowFault(RejectReason.BAD_VALUE, column.written());
            }
            return row.cell(position);
        }

        @Override
        public LocalDate snapshotDate() {
            // MappedExport.open refuses a mapping that uses the snapshot's date when none was given.
            return snapshotDate;
        }

        void unmapped(ColumnRef column, String label) {
            if (roles.printable(input, column)) {
                observer.unmapped(roles.owner(input, column).name(), column.name(), label);
            }
        }
    }
}
