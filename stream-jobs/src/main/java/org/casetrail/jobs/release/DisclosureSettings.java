package org.casetrail.jobs.release;

import java.io.Serializable;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.Protection;

/**
 * How a release protects and whom it counts: the threshold k, the protection, the perturbation
 * table's version, and the consent basis. Recorded in the release's manifest.
 */
public record DisclosureSettings(int k, Protection protection, String ptableVersion, ConsentBasis consentBasis)
        implements Serializable {

    public DisclosureSettings {
        new SuppressionRule(k);
        if (protection == null || consentBasis == null) {
            throw new IllegalArgumentException("a release needs a protection and a consent basis");
        }
    }

    /** The defaults: cell key perturbation with the current ptable, every woman counted unless she withdrew consent. */
    public static DisclosureSettings defaults(int k) {
        return new DisclosureSettings(
                k, Protection.PERTURBATION, PerturbationTable.CURRENT, ConsentBasis.UNLESS_WITHDRAWN);
    }

    public SuppressionRule rule() {
        return new SuppressionRule(k);
    }
}
