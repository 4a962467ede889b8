package org.casetrail.jobs.disclosure;

/**
 * The threshold of a release: a cell describing fewer than k women is not published, nor is a
 * median or rate whose denominator has fewer than k.
 */
public record SuppressionRule(int k) {

    public static final int DEFAULT_K = 10;

    public SuppressionRule {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
    }

    public boolean tooFew(long women) {
        return women < k;
    }
}
