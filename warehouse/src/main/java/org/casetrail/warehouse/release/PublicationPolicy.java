package org.casetrail.warehouse.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.casetrail.schemas.release.ReportingPeriod;

/**
 * Whether a new release becomes public (docs/releases.md, "Public and internal releases"). A public
 * release is a deliberate, periodic act: its as_of ends a reporting period, its k is at least 5,
 * it passed the audit, and at least k women's journeys differ from the current public release, so
 * that comparing two public releases never isolates a late event of one woman. Anything else is
 * kept as an internal release, with every reason said in words a data engineer can act on.
 */
public final class PublicationPolicy {

    /** Below this k a release is for checking figures only. */
    public static final int LOWEST_PUBLIC_K = 5;

    private PublicationPolicy() {}

    /**
     * @param womenChanged women whose journey row was added, removed or changed since the current
     *                     public release; empty when there is none yet
     */
    public static ReleaseManifest.Publication decide(
            LocalDate asOf,
            ReportingPeriod period,
            int k,
            boolean auditPassed,
            OptionalLong womenChanged,
            String currentId) {
        List<String> reasons = new ArrayList<>();
        if (!auditPassed) {
            reasons.add("the audit failed (see its failures); fix the cause and replay again");
        }
        if (!period.isEnd(asOf)) {
            reasons.add("as_of " + asOf + " is not the end of a " + period.flag()
                    + "; public releases report whole periods: replay" + " without --as-of (it takes "
                    + period.lastEndOnOrBefore(asOf) + " here), or with a period end");
        }
        if (k < LOWEST_PUBLIC_K) {
            reasons.add("k=" + k + " is below " + LOWEST_PUBLIC_K + "; such a release is for checking figures only");
        }
        if (womenChanged.isPresent() && womenChanged.getAsLong() < k) {
            reasons.add("only " + womenChanged.getAsLong() + " women's journeys differ from the current public release "
                    + currentId + ", fewer than k=" + k + " (a comparison of the two would single them out); it can be"
                    + " published once more has changed, normally at the next period end");
        }
        return new ReleaseManifest.Publication(
                reasons.isEmpty()
                        ? ReleaseManifest.Publication.Status.PUBLIC
                        : ReleaseManifest.Publication.Status.INTERNAL,
                reasons,
                womenChanged.isPresent() ? womenChanged.getAsLong() : null,
                currentId);
    }
}
