package org.casetrail.schemas.release;

/** How a release protects the women behind its published counts (chosen per release, named in its manifest). */
public enum Protection {
    /**
     * Row threshold, then small consistent noise on every count (cell key method), with rollup
     * rows; safe to publish again and again.
     */
    PERTURBATION,
    /** Exact counts, primary and secondary cell suppression, no rollup rows: for a one-off exact publication. */
    SUPPRESSION;

    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
