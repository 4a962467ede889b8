package org.casetrail.ingest.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of one table's header, found by the names a mapping gives them: as written, else
 * with letter case and spaces forgiven ({@link Labels}). A named column the header lacks, or holds
 * twice, is a {@link MappingException} naming the mapping line: found before any row is read.
 */
final class HeaderColumns {

    private final List<String> header;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> forgiving = new HashMap<>();
    private final Map<String, Integer> positions = new HashMap<>();

    private static final int TWICE = -1;

    HeaderColumns(List<String> header) {
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                continue;
            }
            exact.merge(name, i, (a, b) -> TWICE);
            forgiving.merge(Labels.normalise(name), i, (a, b) -> TWICE);
        }
    }

    List<String> names() {
        return header;
    }

    /**
     * Finds a column of this table for an input's reference.
     *
     * @param table what the table is, for the message: {@code cases.xlsx, sheet Cases (header row 1)}
     */
    int bind(String column, int line, String mappingFile, String table, String input) {
        Integer position = exact.get(column);
        if (position == null) {
            position = forgiving.get(Labels.normalise(column));
        }
        if (position == null) {
            throw MappingException.at(
                    mappingFile, line, "column '" + column + "' of " + input + " is not in the header of " + table);
        }
        if (position == TWICE) {
            throw MappingException.at(
                    mappingFile,
                    line,
                    "column '" + column + "' of " + input + " is in the header of " + table + " more than once");
        }
        positions.put(column, position);
        return position;
    }

    /** The positions of every column bound: the only cells of a row that are ever read. */
    int[] boundPositions() {
        return positions.values().stream()
                .mapToInt(Integer::intValue)
                .distinct()
                .toArray();
    }

    /** The position of a column bound before. */
    int position(String column) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalStateException("column not bound: " + column);
        }
        return position;
    }
}
