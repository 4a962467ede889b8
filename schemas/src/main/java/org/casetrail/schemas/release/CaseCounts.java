package org.casetrail.schemas.release;

/**
 * The women a set of tables describes: all cases in the log, those counted, those held back until
 * identified, those left out for want of research consent; the testimonies published; and the
 * women erased (a number only: nothing else of them is kept).
 */
public record CaseCounts(
        long cases, long included, long notYetIdentified, long withoutResearchConsent, long testimonies, long erased) {

    public static final CaseCounts NONE = new CaseCounts(0, 0, 0, 0, 0, 0);

    /** The counts of a log in which no woman was erased (and of every release made before erasure existed). */
    public CaseCounts(long cases, long included, long notYetIdentified, long withoutResearchConsent, long testimonies) {
        this(cases, included, notYetIdentified, withoutResearchConsent, testimonies, 0);
    }
}
