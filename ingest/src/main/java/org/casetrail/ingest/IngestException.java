package org.casetrail.ingest;

/**
 * Something the user can fix (a missing key file, a broker that does not answer). The message is
 * written for that user and never carries content of an input record.
 */
public class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
