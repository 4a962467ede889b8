package org.casetrail.warehouse.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What a release is ({@code kind}: a batch "replay" or a "stream" snapshot): which log it was built
 * from (topic and end offsets; none for a stream snapshot, which records events seen), with which settings
 * and code, and what disclosure control did. Stored as {@code manifest.json} in the release.
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
        int k,
        boolean publishable,
        String keyFingerprint,
        Map<String, Integer> schemaVersions,
        String codeVersion,
        Map<String, Long> cases,
        Map<String, TableSummary> tables,
        Audit audit) {

    /** Rows and suppressed cells of one table. */
    public record TableSummary(long rows, @JsonProperty("suppressed_primary") long suppressedPrimary,
                               @JsonProperty("suppressed_secondary") long suppressedSecondary) {
    }

    /** The audit's verdict on the release. */
    public record Audit(boolean passed, List<String> failures) {
    }

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public ReleaseManifest withAudit(Audit verdict) {
        return new ReleaseManifest(releaseId, createdAt, kind, topic, endOffsets, eventsRead, asOf, k, publishable,
                keyFingerprint, schemaVersions, codeVersion, cases, tables, verdict);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ReleaseManifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ReleaseManifest.class);
    }
}
