package org.casetrail.warehouse.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.LevelLoss;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.release.SnapshotSummaryCodec;
import org.casetrail.schemas.release.TableSummary;

/**
 * The one reader and writer of {@code manifest.json}. On disk a manifest is a flat JSON object
 * whose field names are a public interface (docs/releases.md); in Java it is the nested
 * {@link ReleaseManifest}. Every layout a release was ever written in is read:
 *
 * <ol>
 *   <li>the first releases: no {@code kind}, no protection named (they used suppression);
 *   <li>{@code kind} added;
 *   <li>reporting period, protection, ptable, consent basis, perturbation-secret fingerprint,
 *       information loss and publication decision added;
 *   <li>{@code manifest_version} written first; otherwise as 3;
 *   <li>{@code records_not_folded} and {@code cases.cases_erased} added (docs/erasure.md). Written
 *       by this version.
 * </ol>
 *
 * Maps are written with their keys in order, so the same release always gives the same bytes.
 */
public final class ManifestCodec {

    /** The layout this code writes. */
    public static final int VERSION = 5;

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ManifestCodec() {}

    public static void write(ReleaseManifest manifest, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(manifest));
    }

    public static ReleaseManifest read(Path file) throws IOException {
        return of(JSON.readTree(file.toFile()));
    }

    /** Which layout a manifest was written in. */
    static int layout(JsonNode node) {
        if (node.has("manifest_version")) {
            return node.get("manifest_version").asInt();
        }
        if (node.has("publication")) {
            return 3;
        }
        return node.has("kind") ? 2 : 1;
    }

    static ObjectNode tree(ReleaseManifest m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("manifest_version", VERSION);
        node.put("release_id", m.releaseId());
        node.put("created_at", m.createdAt());
        node.put("kind", m.kind());
        node.put("topic", m.source().topic());
        ObjectNode offsets = node.putObject("end_offsets");
        m.source().endOffsets().forEach((partition, offset) -> offsets.put(String.valueOf(partition), offset));
        node.put("events_read", m.source().eventsRead());
        node.set(
                "records_not_folded",
                SnapshotSummaryCodec.unfoldedTree(m.source().unfolded()));
        node.put("as_of", m.asOf() == null ? null : m.asOf().toString());
        node.put("period", m.period() == null ? null : m.period().flag());
        DisclosureSettings disclosure = m.disclosure();
        node.put("k", disclosure.k());
        node.put("publishable", m.publishable());
        node.put("protection", disclosure.protection().flag());
        node.put("ptable_version", disclosure.ptableVersion());
        node.put("consent_basis", disclosure.consentBasis().flag());
        node.put("key_fingerprint", m.fingerprints().pseudonymizationKey());
        node.put("perturbation_secret_fingerprint", m.fingerprints().perturbationSecret());
        ObjectNode schemas = node.putObject("schema_versions");
        m.versions().schemas().forEach(schemas::put);
        node.put("code_version", m.versions().code());
        node.set("cases", SnapshotSummaryCodec.casesTree(m.contents().cases()));
        ObjectNode tables = node.putObject("tables");
        new TreeMap<>(m.contents().tables()).forEach((name, t) -> tables.set(name, SnapshotSummaryCodec.tableTree(t)));
        ObjectNode loss = node.putObject("information_loss");
        new TreeMap<>(m.contents().informationLoss())
                .forEach((table, levels) -> loss.set(table, SnapshotSummaryCodec.levelsTree(new TreeMap<>(levels))));
        if (m.publication() == null) {
            node.putNull("publication");
        } else {
            ObjectNode publication = node.putObject("publication");
            publication.put("status", m.publication().status().flag());
            strings(publication.putArray("reasons"), m.publication().reasons());
            publication.put("women_changed", m.publication().womenChanged());
            publication.put("compared_with", m.publication().comparedWith());
        }
        if (m.audit() == null) {
            node.putNull("audit");
        } else {
            ObjectNode audit = node.putObject("audit");
            audit.put("passed", m.audit().passed());
            strings(audit.putArray("failures"), m.audit().failures());
        }
        return node;
    }

    static ReleaseManifest of(JsonNode node) {
        int layout = layout(node);
        if (layout > VERSION) {
            throw new IllegalArgumentException("manifest version " + layout + " is newer than this casetrail ("
                    + VERSION + "); use the casetrail that made the release");
        }
        SortedMap<Integer, Long> offsets = new TreeMap<>();
        node.path("end_offsets")
                .properties()
                .forEach(e ->
                        offsets.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        SortedMap<String, Integer> schemas = new TreeMap<>();
        node.path("schema_versions")
                .properties()
                .forEach(e -> schemas.put(e.getKey(), e.getValue().asInt()));
        Map<String, TableSummary> tables = new TreeMap<>();
        node.path("tables").properties().forEach(e -> tables.put(e.getKey(), SnapshotSummaryCodec.table(e.getValue())));
        Map<String, Map<String, LevelLoss>> loss = new TreeMap<>();
        node.path("information_loss").properties().forEach(t -> {
            Map<String, LevelLoss> levels = new TreeMap<>();
            t.getValue()
                    .properties()
                    .forEach(l -> levels.put(l.getKey(), SnapshotSummaryCodec.levelLoss(l.getValue())));
            loss.put(t.getKey(), levels);
        });
        // Releases made before protections were named used suppression, and counted every woman unless she withdrew.
        Protection protection =
                node.hasNonNull("protection") ? Protection.ofFlag(text(node, "protection")) : Protection.SUPPRESSION;
        ConsentBasis consent = node.hasNonNull("consent_basis")
                ? ConsentBasis.ofFlag(text(node, "consent_basis"))
                : ConsentBasis.UNLESS_WITHDRAWN;
        return new ReleaseManifest(
                text(node, "release_id"),
                text(node, "created_at"),
                layout == 1 ? "replay" : text(node, "kind"),
                new ReleaseManifest.Source(
                        text(node, "topic"),
                        offsets,
                        node.path("events_read").asLong(),
                        SnapshotSummaryCodec.unfolded(node.path("records_not_folded"))),
                node.hasNonNull("as_of") ? LocalDate.parse(text(node, "as_of")) : null,
                node.hasNonNull("period") ? ReportingPeriod.ofFlag(text(node, "period")) : null,
                new DisclosureSettings(node.path("k").asInt(), protection, text(node, "ptable_version"), consent),
                new ReleaseManifest.Fingerprints(
                        text(node, "key_fingerprint"), text(node, "perturbation_secret_fingerprint")),
                new ReleaseManifest.Versions(schemas, text(node, "code_version")),
                new ReleaseManifest.Contents(SnapshotSummaryCodec.cases(node.path("cases")), tables, loss),
                publication(node.path("publication")),
                node.hasNonNull("audit")
                        ? new ReleaseManifest.Audit(
                                node.get("audit").path("passed").asBoolean(),
                                strings(node.get("audit").path("failures")))
                        : null);
    }

    private static ReleaseManifest.Publication publication(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return new ReleaseManifest.Publication(
                ReleaseManifest.Publication.Status.valueOf(text(node, "status").toUpperCase(java.util.Locale.ROOT)),
                strings(node.path("reasons")),
                node.hasNonNull("women_changed") ? node.get("women_changed").asLong() : null,
                text(node, "compared_with"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
