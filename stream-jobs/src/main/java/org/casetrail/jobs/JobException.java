package org.casetrail.jobs;

/**
 * Something about the job's input or settings that the user can fix (a log written with two keys,
 * an empty topic). The message is for that user and never holds record content.
 */
public class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
