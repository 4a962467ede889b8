package org.casetrail.schemas.release;

/**
 * The women a set of tables describes: all cases in the log, those counted, those held back until
 * identified, those left out for want of research consent; and the testimonies published.
 */
public record CaseCounts(
        long cases, long included, long notYetIdentified, long withoutResearchConsent, long testimonies) {

    public static final CaseCounts NONE = new CaseCounts(0, 0, 0, 0, 0);
}
