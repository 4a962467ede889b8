package org.casetrail.cli;

/** A failed run the user can act on; its message is printed as it is, without a stack trace. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
