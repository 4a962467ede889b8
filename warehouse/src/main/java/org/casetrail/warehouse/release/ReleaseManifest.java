package org.casetrail.warehouse.release;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a release is ({@code kind}: a batch "replay"): which log it was built from (topic and end
 * offsets), as of when, with which protection, consent basis, keys' fingerprints and code, whether
 * it is public or internal and why, what protection cost (information loss per table and rollup
 * level), and the audit's verdict. Stored as {@code manifest.json} in the release.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReleaseManifest(
        String releaseId,
        String createdAt,
        String kind,
        String topic,
        Map<Integer, Long> endOffsets,
        long eventsRead,
        String asOf,
        String period,
        int k,
        boolean publishable,
        String protection,
        String ptableVersion,
        String consentBasis,
        String keyFingerprint,
        String perturbationSecretFingerprint,
        Map<String, Integer> schemaVersions,
        String codeVersion,
        Map<String, Long> cases,
        Map<String, TableSummary> tables,
        Map<String, Map<String, Map<String, Number>>> informationLoss,
        Publication publication,
        Audit audit) {

    /** Rows and withheld rows of one table (primary: under k; secondary: suppression's extra cells). */
    public record TableSummary(
            long rows,
            @JsonProperty("suppressed_primary") long suppressedPrimary,
            @JsonProperty("suppressed_secondary") long suppressedSecondary) {}

    /** The audit's verdict on the release. */
    public record Audit(boolean passed, List<String> failures) {}

    /**
     * Public (current, for every reader) or internal (kept, for checking, never current), with the
     * reasons an internal release is internal, and how many women's journeys differ from the
     * public release it was compared with.
     */
    public record Publication(String status, List<String> reasons, Long womenChanged, String comparedWith) {

        public static final String PUBLIC = "public";
        public static final String INTERNAL = "internal";

        @JsonIgnore
        public boolean isPublic() {
            return PUBLIC.equals(status);
        }
    }

    @JsonIgnore
    public boolean isPublic() {
        return publication != null && publication.isPublic();
    }

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public ReleaseManifest withAudit(Audit verdict) {
        return new ReleaseManifest(
                releaseId,
                createdAt,
                kind,
                topic,
                endOffsets,
                eventsRead,
                asOf,
                period,
                k,
                publishable,
                protection,
                ptableVersion,
                consentBasis,
                keyFingerprint,
                perturbationSecretFingerprint,
                schemaVersions,
                codeVersion,
                cases,
                tables,
                informationLoss,
                publication,
                verdict);
    }

    public ReleaseManifest withPublication(Publication decided) {
        return new ReleaseManifest(
                releaseId,
                createdAt,
                kind,
                topic,
                endOffsets,
                eventsRead,
                asOf,
                period,
                k,
                publishable,
                protection,
                ptableVersion,
                consentBasis,
                keyFingerprint,
                perturbationSecretFingerprint,
                schemaVersions,
                codeVersion,
                cases,
                tables,
                informationLoss,
                decided,
                audit);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ReleaseManifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ReleaseManifest.class);
    }
}
