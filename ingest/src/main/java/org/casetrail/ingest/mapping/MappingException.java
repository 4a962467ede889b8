package org.casetrail.ingest.mapping;

import org.casetrail.ingest.IngestException;

/**
 * A mapping that cannot be used as written, or that does not fit the files it is given: an
 * unknown key, a missing sheet or column, a date pattern that does not parse. The message is one
 * line naming the mapping file and line where there is one; it quotes only the mapping and the
 * files' names and headers, never a value of a row. Nothing is written before it is thrown.
 */
public final class MappingException extends IngestException {

    public MappingException(String message) {
        super(message);
    }

    static MappingException at(String file, int line, String message) {
        return new MappingException(file + ":" + line + ": " + message);
    }
}
