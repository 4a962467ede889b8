package org.casetrail.jobs;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * Something about the job's input or settings that the user can fix (a log written with two keys,
 * an empty topic). The message is for that user and never holds record content. Thrown inside a
 * running job, it fails the job at once: running it again would fail again, so Flink's restart
 * strategy does not try.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
