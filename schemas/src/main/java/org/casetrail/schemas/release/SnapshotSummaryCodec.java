package org.casetrail.schemas.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@code snapshot.json}: a flat JSON object (sequence, as_of, events_seen, records_not_folded, k,
 * protection, ptable_version, consent_basis, information_loss, cases, tables) whose layout readers
 * of live snapshots rely on, so the typed summary is mapped field by field here and nowhere else.
 */
public final class SnapshotSummaryCodec {

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SnapshotSummaryCodec() {}

    public static void write(SnapshotSummary summary, OutputStream out) throws IOException {
        JSON.writeValue(out, tree(summary));
    }

    public static SnapshotSummary read(InputStream in) throws IOException {
        return of(JSON.readTree(in));
    }

    public static ObjectNode tree(SnapshotSummary s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sequence", s.sequence());
        node.put("as_of", s.asOf() == null ? null : s.asOf().toString());
        node.put("events_seen", s.eventsSeen());
        node.set("records_not_folded", unfoldedTree(s.unfolded()));
        node.put("k", s.disclosure().k());
        node.put("protection", s.disclosure().protection().flag());
        node.put("ptable_version", s.disclosure().ptableVersion());
        node.put("consent_basis", s.disclosure().consentBasis().flag());
        node.set("information_loss", JSON.valueToTree(s.informationLoss()));
        node.set("cases", casesTree(s.cases()));
        ObjectNode tables = node.putObject("tables");
        s.tables().forEach((name, t) -> tables.set(name, tableTree(t)));
        return node;
    }

    public static SnapshotSummary of(JsonNode node) {
        Map<String, TableSummary> tables = new LinkedHashMap<>();
        node.path("tables").properties().forEach(t -> tables.put(t.getKey(), table(t.getValue())));
        Map<String, Map<String, LevelLoss>> loss = new LinkedHashMap<>();
        node.path("information_loss").properties().forEach(t -> {
            Map<String, LevelLoss> levels = new LinkedHashMap<>();
            t.getValue().properties().forEach(l -> levels.put(l.getKey(), levelLoss(l.getValue())));
            loss.put(t.getKey(), levels);
        });
        return new SnapshotSummary(
                node.path("sequence").asLong(),
                node.hasNonNull("as_of") ? LocalDate.parse(node.get("as_of").asText()) : null,
                node.path("events_seen").asLong(),
                unfolded(node.path("records_not_folded")),
                new DisclosureSettings(
                        node.path("k").asInt(),
                        Protection.ofFlag(node.path("protection").asText()),
                        node.hasNonNull("ptable_version")
                                ? node.get("ptable_version").asText()
                                : null,
                        ConsentBasis.ofFlag(node.path("consent_basis").asText())),
                cases(node.path("cases")),
                tables,
                loss);
    }

    /** The case counts under the names every release has used for them. */
    public static ObjectNode casesTree(CaseCounts c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("cases", c.cases());
        node.put("cases_included", c.included());
        node.put("cases_not_yet_identified", c.notYetIdentified());
        node.put("cases_without_research_consent", c.withoutResearchConsent());
        node.put("testimonies", c.testimonies());
        node.put("cases_erased", c.erased());
        return node;
    }

    public static CaseCounts cases(JsonNode node) {
        return new CaseCounts(
                node.path("cases").asLong(),
                node.path("cases_included").asLong(),
                node.path("cases_not_yet_identified").asLong(),
                node.path("cases_without_research_consent").asLong(),
                node.path("testimonies").asLong(),
                node.path("cases_erased").asLong());
    }

    /** Absent from summaries and manifests written before erasure: nothing was left unfolded then. */
    public static ObjectNode unfoldedTree(UnfoldedRecords u) {
        ObjectNode node = JSON.createObjectNode();
        node.put("erasures", u.erasures());
        node.put("erased_events", u.erasedEvents());
        node.put("without_data_key", u.withoutDataKey());
        node.put("tampered", u.tampered());
        return node;
    }

    public static UnfoldedRecords unfolded(JsonNode node) {
        return new UnfoldedRecords(
                node.path("erasures").asLong(),
                node.path("erased_events").asLong(),
                node.path("without_data_key").asLong(),
                node.path("tampered").asLong());
    }

    public static ObjectNode tableTree(TableSummary t) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rows", t.rows());
        node.put("suppressed_primary", t.suppressedPrimary());
        node.put("suppressed_secondary", t.suppressedSecondary());
        return node;
    }

    public static TableSummary table(JsonNode node) {
        return new TableSummary(
                node.path("rows").asLong(),
                node.path("suppressed_primary").asLong(),
                node.path("suppressed_secondary").asLong());
    }

    /** One table's levels, in the given map's order, under the names every release has used. */
    public static JsonNode levelsTree(Map<String, LevelLoss> levels) {
        return JSON.valueToTree(levels);
    }

    public static LevelLoss levelLoss(JsonNode node) {
        return JSON.convertValue(node, LevelLoss.class);
    }
}
