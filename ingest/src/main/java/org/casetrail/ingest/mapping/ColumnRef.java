package org.casetrail.ingest.mapping;

/**
 * A column a mapping reads, by its header name. In a linked input (a repeat group's file), {@code
 * ../NAME} reads the column of the parent row, {@code ../../NAME} of the grandparent's.
 *
 * @param depth 0 for the input's own file, 1 for its parent, ...
 * @param line  where the mapping names it
 */
record ColumnRef(String name, int depth, int line) {

    static ColumnRef parse(String written, int line) {
        int depth = 0;
        String name = written;
        while (name.startsWith("../")) {
            depth++;
            name = name.substring(3);
        }
        return new ColumnRef(name, depth, line);
    }

    /** As the mapping wrote it: the name a reject or a message uses. */
    String written() {
        return "../".repeat(depth) + name;
    }

    @Override
    public String toString() {
        return written();
    }
}
