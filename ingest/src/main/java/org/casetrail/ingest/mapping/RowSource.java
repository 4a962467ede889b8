package org.casetrail.ingest.mapping;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The rows of one table, a CSV file or a sheet, read one at a time whatever the table's size. */
interface RowSource extends Closeable {

    /** The cells of the header row, as written; a table without that row is a {@link MappingException}. */
    List<String> header() throws IOException;

    /** Hands every data row, in the table's order, to {@code rows}; blank rows are left out. */
    void rows(Consumer<SourceRow> rows) throws IOException;

    /**
     * Hands on the data rows as {@link #rows(Consumer)}, with the cells of these column positions
     * only: the others may be left empty, as a table whose reading costs by the cell does.
     */
    default void rows(Consumer<SourceRow> rows, int[] columns) throws IOException {
        rows(rows);
    }

    /** The table for messages: {@code services.csv}, {@code cases.xlsx, sheet Cases}. */
    String describe();

    static RowSource open(Path file, InputRule input) throws IOException {
        return open(file, input, new HashMap<>());
    }

    /** @param books what each workbook's sheets share, by file: filled as workbooks are read */
    static RowSource open(Path file, InputRule input, Map<Path, XlsxBook> books) throws IOException {
        return input.format() == InputRule.Format.CSV
                ? new CsvRows(file, input)
                : XlsxRows.open(file, input, books.computeIfAbsent(file, f -> new XlsxBook()));
    }
}
