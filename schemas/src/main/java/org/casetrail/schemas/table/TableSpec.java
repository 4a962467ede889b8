package org.casetrail.schemas.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * A table of the warehouse: its name, where it lives (public or restricted), its columns in order.
 * The Avro schema of its Parquet files, the data dictionary and the audit are all derived from
 * this one definition, so they cannot drift apart.
 */
public record TableSpec(String name, Visibility visibility, String doc, List<Column> columns) {

    public enum Visibility {
        PUBLIC,
        RESTRICTED
    }

    /** The columns by role, worked out once per table: the job asks for them for every count of every woman. */
    private record Layout(
            List<Column> keys,
            List<Column> counts,
            List<Column> statistics,
            List<Column> medians,
            Map<String, Integer> countIndex,
            Map<String, Integer> medianIndex) {

        static Layout of(List<Column> columns) {
            List<Column> counts =
                    columns.stream().filter(c -> c.kind() == Column.Kind.COUNT).toList();
            List<Column> medians = columns.stream().filter(Column::isMedian).toList();
            Map<String, Integer> countIndex = new HashMap<>();
            for (int i = 0; i < counts.size(); i++) {
                countIndex.put(counts.get(i).name(), i);
            }
            Map<String, Integer> medianIndex = new HashMap<>();
            for (int i = 0; i < medians.size(); i++) {
                medianIndex.put(medians.get(i).name(), i);
            }
            return new Layout(
                    columns.stream().filter(c -> c.kind() == Column.Kind.KEY).toList(),
                    counts,
                    columns.stream()
                            .filter(c -> c.kind() == Column.Kind.STATISTIC)
                            .toList(),
                    medians,
                    countIndex,
                    medianIndex);
        }
    }

    // By name: a table's name stands for its columns (unsuppressed() makes equal copies on every call).
    private static final Map<String, Layout> LAYOUTS = new ConcurrentHashMap<>();

    private Layout layout() {
        return LAYOUTS.computeIfAbsent(name, n -> Layout.of(columns));
    }

    public List<Column> keys() {
        return layout().keys();
    }

    public List<Column> counts() {
        return layout().counts();
    }

    public List<Column> statistics() {
        return layout().statistics();
    }

    public List<Column> medians() {
        return layout().medians();
    }

    /** Position of a count column among {@link #counts()}. */
    public int countIndex(String column) {
        Integer i = layout().countIndex().get(column);
        if (i == null) {
            throw new IllegalArgumentException("no count " + column + " in " + name);
        }
        return i;
    }

    /** Position of a median column among {@link #medians()}. */
    public int medianIndex(String column) {
        Integer i = layout().medianIndex().get(column);
        if (i == null) {
            throw new IllegalArgumentException("no median " + column + " in " + name);
        }
        return i;
    }

    public Column column(String name) {
        return columns.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name + " in " + this.name));
    }

    /**
     * The same cells before disclosure control, for data engineers and for the audit:
     * {@code restricted/unsuppressed_<name>}, every column but the suppression flag.
     */
    public TableSpec unsuppressed() {
        List<Column> exact = new java.util.ArrayList<>(
                columns.stream().filter(c -> c.kind() != Column.Kind.FLAG).toList());
        for (Column count : counts()) {
            exact.add(Column.value(
                    cellKeyColumn(count),
                    Column.Type.INT,
                    "Cell key of " + count.name() + " (0-4095): what the perturbation table was read at."));
        }
        return new TableSpec(
                "unsuppressed_" + name,
                Visibility.RESTRICTED,
                "The rows of " + name
                        + " before disclosure control: exact counts and statistics, and each count's cell key. Restricted.",
                exact);
    }

    /** The restricted column holding a count's cell key. */
    public static String cellKeyColumn(Column count) {
        return count.name() + "_cell_key";
    }

    /** Keys that take the value ALL in rollup rows. */
    public List<Column> dimensions() {
        return columns.stream().filter(Column::rollup).toList();
    }

    /** True for a rollup row: one of its dimensions is ALL. */
    public boolean isRollup(String[] key) {
        List<Column> keys = keys();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).rollup() && Column.ALL.equals(key[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * A row's rollup level, named by the keys it is broken down by (those not ALL), e.g.
     * {@code identification_year × centre}.
     */
    public String level(String[] key) {
        List<Column> keys = keys();
        List<String> by = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!(keys.get(i).rollup() && Column.ALL.equals(key[i]))) {
                by.add(keys.get(i).name());
            }
        }
        return String.join(" × ", by);
    }

    /** Folder of the table inside a release: {@code public/<name>} or {@code restricted/<name>}. */
    public String folder() {
        return (visibility == Visibility.PUBLIC ? "public/" : "restricted/") + name;
    }

    /** The Avro schema of the table's rows; keys and the flag are required, everything else nullable. */
    public Schema avroSchema() {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(avroName())
                .namespace("org.casetrail.schemas.table")
                .doc(doc)
                .fields();
        for (Column c : columns) {
            Schema type = switch (c.type()) {
                case INT -> Schema.create(Schema.Type.INT);
                case LONG -> Schema.create(Schema.Type.LONG);
                case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
                case STRING -> Schema.create(Schema.Type.STRING);
                case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
                case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            };
            boolean required = c.kind() == Column.Kind.FLAG || (c.kind() == Column.Kind.KEY && !nullableKey(c));
            if (required) {
                fields = fields.name(c.name()).doc(c.doc()).type(type).noDefault();
            } else {
                fields = fields.name(c.name())
                        .doc(c.doc())
                        .type(Schema.createUnion(Schema.create(Schema.Type.NULL), type))
                        .withDefault(null);
            }
        }
        return fields.endRecord();
    }

    /** Keys that may be unknown for a woman (minor without a birth date) are nullable. */
    private static boolean nullableKey(Column c) {
        return c.type() == Column.Type.BOOLEAN;
    }

    private String avroName() {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out + "Row";
    }
}
