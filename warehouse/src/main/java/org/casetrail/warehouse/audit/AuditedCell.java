package org.casetrail.warehouse.audit;

import java.util.Map;
import org.casetrail.schemas.table.TableSpec;

/**
 * One cell as the audit sees it: its key, what was published (null values where withheld), and
 * the true counts before disclosure control (from the release's restricted copy).
 */
public record AuditedCell(
        TableSpec table,
        Map<String, String> key,
        boolean suppressed,
        Map<String, Object> published,
        Map<String, Long> trueCounts,
        Map<String, Integer> cellKeys) {

    public AuditedCell(
            TableSpec table,
            Map<String, String> key,
            boolean suppressed,
            Map<String, Object> published,
            Map<String, Long> trueCounts) {
        this(table, key, suppressed, published, trueCounts, Map.of());
    }

    public long trueWomen() {
        return trueCounts.get("cases");
    }

    /** The key written for a person to find the cell: names and values of its key columns, never its counts. */
    public String describe() {
        return table.name() + " cell ("
                + String.join(
                        ", ",
                        key.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()) + ")";
    }
}
