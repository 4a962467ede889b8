package org.casetrail.warehouse.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.LevelLoss;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.release.TableSummary;
import org.casetrail.schemas.release.UnfoldedRecords;

/**
 * What a release is: which log it was built from, as of when and for which reporting period, how
 * it was protected and whom it counts, with which keys and code, what its tables hold and what
 * protection cost, whether it is public or internal and why, and the audit's verdict. Stored as
 * {@code manifest.json} in the release by {@link ManifestCodec}, which also reads every earlier
 * layout (docs/releases.md, "The manifest").
 *
 * @param kind what made it: {@code replay}, a batch run over the whole log
 * @param period null in releases made before reporting periods existed
 * @param publication null in releases made before the publication rules existed (never public)
 * @param audit null only while the release is being made
 */
public record ReleaseManifest(
        String releaseId,
        String createdAt,
        String kind,
        Source source,
        LocalDate asOf,
        ReportingPeriod period,
        DisclosureSettings disclosure,
        Fingerprints fingerprints,
        Versions versions,
        Contents contents,
        Publication publication,
        Audit audit) {

    /**
     * The log a release was built from: its topic, the end offsets read up to, the records read, and
     * those of them no journey was folded from (erasures, erased women's, tampered ones).
     */
    public record Source(
            String topic, SortedMap<Integer, Long> endOffsets, long eventsRead, UnfoldedRecords unfolded) {}

    /** Fingerprints (never the keys) of the pseudonymization key and of the perturbation secret, when one was used. */
    public record Fingerprints(String pseudonymizationKey, String perturbationSecret) {}

    /** The schema versions of the events and tables, and the code that made the release. */
    public record Versions(SortedMap<String, Integer> schemas, String code) {}

    /** The women counted, each table's rows, and the information loss per table and rollup level. */
    public record Contents(
            CaseCounts cases, Map<String, TableSummary> tables, Map<String, Map<String, LevelLoss>> informationLoss) {}

    /** The audit's verdict on the release. */
    public record Audit(boolean passed, List<String> failures) {

        public static Audit of(List<String> failures) {
            return new Audit(failures.isEmpty(), List.copyOf(failures));
        }
    }

    /**
     * Public (current, for every reader) or internal (kept, for checking, never current), with the
     * reasons an internal release is internal, and how many women's journeys differ from the
     * public release it was compared with.
     */
    public record Publication(Status status, List<String> reasons, Long womenChanged, String comparedWith) {

        public enum Status {
            PUBLIC,
            INTERNAL;

            public String flag() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public boolean isPublic() {
            return status == Status.PUBLIC;
        }
    }

    public boolean isPublic() {
        return publication != null && publication.isPublic();
    }

    /** Whether its k allows publication at all (recorded in the manifest for readers). */
    public boolean publishable() {
        return disclosure.k() >= PublicationPolicy.LOWEST_PUBLIC_K;
    }

    public ReleaseManifest withAudit(Audit verdict) {
        return new ReleaseManifest(
                releaseId,
                createdAt,
                kind,
                source,
                asOf,
                period,
                disclosure,
                fingerprints,
                versions,
                contents,
                publication,
                verdict);
    }

    public ReleaseManifest withPublication(Publication decided) {
        return new ReleaseManifest(
                releaseId,
                createdAt,
                kind,
                source,
                asOf,
                period,
                disclosure,
                fingerprints,
                versions,
                contents,
                decided,
                audit);
    }
}
