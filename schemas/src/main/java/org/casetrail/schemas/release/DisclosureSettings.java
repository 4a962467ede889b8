package org.casetrail.schemas.release;

import java.io.Serializable;
import org.casetrail.schemas.perturbation.PerturbationTable;

/**
 * How a release protects and whom it counts: the threshold k, the protection method, the
 * perturbation table's version (only for a method that uses one), and the consent basis.
 * Recorded in the release's manifest and in every snapshot's summary.
 */
public record DisclosureSettings(int k, Protection protection, String ptableVersion, ConsentBasis consentBasis)
        implements Serializable {

    public DisclosureSettings {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (protection == null || consentBasis == null) {
            throw new IllegalArgumentException("a release needs a protection and a consent basis");
        }
        // A method without cell keys has no perturbation table, whatever the caller passed.
        ptableVersion = protection.usesCellKeys() ? ptableVersion : null;
        if (protection.usesCellKeys() && ptableVersion == null) {
            throw new IllegalArgumentException(protection.flag() + " needs a perturbation table version");
        }
    }

    /** The default release: cell key perturbation with the current ptable, counting every woman unless she withdrew consent. */
    public static DisclosureSettings defaults(int k) {
        return new DisclosureSettings(
                k, Protection.PERTURBATION, PerturbationTable.CURRENT, ConsentBasis.UNLESS_WITHDRAWN);
    }

    /** The same settings under another protection method (its ptable: the current one, where it uses one). */
    public DisclosureSettings withProtection(Protection method) {
        return new DisclosureSettings(k, method, PerturbationTable.CURRENT, consentBasis);
    }
}
