package org.casetrail.schemas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * The data dictionary of the event log in Markdown, written from the schema's own docs so the
 * two cannot drift apart ({@code schemas/EVENT_LOG.md}; a test keeps the checked-in copy in sync).
 */
public final class EventLogDictionary {

    private EventLogDictionary() {}

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# The event log: data dictionary\n\n");
        md.append(
                "Generated from the Avro schemas in `schemas/src/main/avro` by `EventLogDictionary`; do not edit by hand.\n");
        md.append("Regenerate with `mvn -pl schemas test -Dcasetrail.regenerate=true`.\n\n");
        md.append("Case-event schema version ")
                .append(ReleasedSchemas.currentCaseEventVersion())
                .append(". Topic `")
                .append(EventLogTopics.DEFAULT_EVENTS)
                .append("` holds `CaseEvent` records, `")
                .append(EventLogTopics.rejectedFor(EventLogTopics.DEFAULT_EVENTS))
                .append("` holds `RejectedRecord` records, ")
                .append("both in Avro single-object encoding.\n");
        Set<String> written = new LinkedHashSet<>();
        List<Schema> pending = new ArrayList<>(List.of(CaseEvent.getClassSchema(), RejectedRecord.getClassSchema()));
        while (!pending.isEmpty()) {
            Schema schema = pending.remove(0);
            if (!written.add(schema.getFullName())) {
                continue;
            }
            if (schema.getType() == Schema.Type.RECORD) {
                md.append("\n## ")
                        .append(schema.getName())
                        .append("\n\n")
                        .append(schema.getDoc())
                        .append("\n\n");
                md.append("| field | type | meaning |\n| --- | --- | --- |\n");
                for (Schema.Field field : schema.getFields()) {
                    md.append("| `")
                            .append(field.name())
                            .append("` | ")
                            .append(typeName(field.schema()))
                            .append(" | ")
                            .append(field.doc() == null ? "" : field.doc().replace("|", "\\|"))
                            .append(" |\n");
                    collectNamed(field.schema(), pending);
                }
            } else if (schema.getType() == Schema.Type.ENUM) {
                md.append("\n## ")
                        .append(schema.getName())
                        .append(" (enum)\n\n")
                        .append(schema.getDoc())
                        .append("\n\n");
                md.append("Symbols: ")
                        .append(String.join(
                                ", ",
                                schema.getEnumSymbols().stream()
                                        .map(s -> "`" + s + "`")
                                        .toList()));
                md.append(". Default for symbols this version does not know: `")
                        .append(schema.getEnumDefault())
                        .append("`.\n");
            }
        }
        return md.toString();
    }

    private static void collectNamed(Schema schema, List<Schema> pending) {
        switch (schema.getType()) {
            case RECORD, ENUM -> pending.add(schema);
            case UNION -> schema.getTypes().forEach(t -> collectNamed(t, pending));
            case ARRAY -> collectNamed(schema.getElementType(), pending);
            case MAP -> collectNamed(schema.getValueType(), pending);
            default -> {}
        }
    }

    private static String typeName(Schema schema) {
        return switch (schema.getType()) {
            case UNION ->
                String.join(
                        " or ",
                        schema.getTypes().stream()
                                .map(EventLogDictionary::typeName)
                                .toList());
            case ARRAY -> "array of " + typeName(schema.getElementType());
            case RECORD, ENUM -> schema.getName();
            default ->
                schema.getLogicalType() != null
                        ? schema.getLogicalType().getName()
                        : schema.getType().getName();
        };
    }
}
