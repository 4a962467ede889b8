package org.casetrail.ingest.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A streaming reader of one export file: bounded memory whatever the file's size. */
public interface ExportReader extends Closeable {

    /** The next non-empty line, or null at the end of the file. */
    ExportRecord next() throws IOException;

    /** Bytes consumed so far, for progress. */
    long bytesRead();

    /** Picks the reader by file name: {@code .csv} is CSV, anything else JSON Lines. */
    static ExportReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvExportReader(in);
        }
        return new JsonLinesReader(in);
    }
}
