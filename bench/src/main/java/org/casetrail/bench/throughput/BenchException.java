package org.casetrail.bench.throughput;

/** A bench run that could not finish or whose steps disagree; the message is for the person running it. */
public final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
