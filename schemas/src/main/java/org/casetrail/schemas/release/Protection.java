package org.casetrail.schemas.release;

import java.util.Locale;

/**
 * How a release protects the women behind its published counts (chosen per release, named in its
 * manifest). What each method does to the rows is the job's {@code ProtectionMethod}; what the
 * audit checks is the warehouse's {@code ProtectionAudit}; both are chosen from this value in one
 * place each, by an exhaustive switch, so a new method cannot be half added.
 */
public enum Protection {
    /**
     * Row threshold, then small consistent noise on every count (cell key method), with rollup
     * rows; safe to publish again and again.
     */
    PERTURBATION(true, true),
    /** Exact counts, primary and secondary cell suppression, no rollup rows: for a one-off exact publication. */
    SUPPRESSION(false, false);

    private final boolean usesCellKeys;
    private final boolean publishesRollups;

    Protection(boolean usesCellKeys, boolean publishesRollups) {
        this.usesCellKeys = usesCellKeys;
        this.publishesRollups = publishesRollups;
    }

    /** Whether published counts carry cell-key noise: the release then names a ptable and the perturbation secret. */
    public boolean usesCellKeys() {
        return usesCellKeys;
    }

    /** Whether the public tables hold the {@code ALL} rows of every rollup level. */
    public boolean publishesRollups() {
        return publishesRollups;
    }

    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protection ofFlag(String flag) {
        for (Protection method : values()) {
            if (method.flag().equals(flag)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown protection " + flag + "; use perturbation or suppression");
    }
}
