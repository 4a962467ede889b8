package org.casetrail.warehouse.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.SharedMargin;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * The rules of suppression (docs/protection.md, "suppression"), checked on what a release holds.
 * Written apart from the code that suppresses (it shares only the table and margin definitions), so
 * one mistake cannot hide in both. Each failure names a cell by its key, never by its counts.
 */
public final class DisclosureAudit implements ProtectionAudit {

    private final int k;

    public DisclosureAudit(int k) {
        this.k = k;
    }

    @Override
    public List<String> check(List<AuditedCell> cells, Supplier<List<AuditedCell>> previousPublic) {
        // Suppression protects one exact publication: nothing to hold across releases.
        return check(cells);
    }

    public List<String> check(List<AuditedCell> cells) {
        List<String> failures = new ArrayList<>();
        for (AuditedCell cell : cells) {
            checkCell(cell, failures);
        }
        for (TableSpec table : Tables.SUPPRESSED) {
            List<AuditedCell> ofTable = cells.stream()
                    .filter(c -> c.table().name().equals(table.name()))
                    .toList();
            for (Column dropped : table.keys()) {
                for (List<AuditedCell> group : group(ofTable, c -> {
                            Map<String, String> rest = new LinkedHashMap<>(c.key());
                            rest.remove(dropped.name());
                            return new ArrayList<>(rest.values());
                        })
                        .values()) {
                    checkGroup(group, "cells differing only in " + dropped.name(), failures);
                }
            }
        }
        for (SharedMargin margin : SharedMargin.ALL) {
            for (SharedMargin.View view : margin.views()) {
                List<AuditedCell> inView = cells.stream()
                        .filter(c -> c.table().name().equals(view.table().name()) && view.includes(c.key()))
                        .toList();
                for (List<AuditedCell> group :
                        group(inView, c -> view.marginKey().apply(c.key())).values()) {
                    checkGroup(
                            group,
                            "cells of " + view.describe() + " sharing a total of '" + margin.name() + "'",
                            failures);
                }
            }
        }
        return failures;
    }

    private void checkCell(AuditedCell cell, List<String> failures) {
        TableSpec table = cell.table();
        if (cell.trueWomen() < k && !cell.suppressed()) {
            failures.add(cell.describe() + " describes fewer than k=" + k + " women but is published");
        }
        for (Column c : table.columns()) {
            Object value = cell.published().get(c.name());
            if (c.kind() == Column.Kind.COUNT) {
                if (cell.suppressed() && value != null) {
                    failures.add(cell.describe() + " is suppressed but shows " + c.name());
                } else if (!cell.suppressed()
                        && !cell.trueCounts().get(c.name()).equals(value)) {
                    failures.add(cell.describe() + " publishes a " + c.name()
                            + " that differs from the release's own count");
                }
            } else if (c.kind() == Column.Kind.STATISTIC && value != null) {
                if (cell.suppressed()) {
                    failures.add(cell.describe() + " is suppressed but shows " + c.name());
                } else if (cell.trueCounts().get(c.denominator()) < k) {
                    failures.add(cell.describe() + " publishes " + c.name() + " over fewer than k=" + k);
                }
            }
        }
    }

    /** More than one cell: none suppressed, or at least two that together describe at least k women. */
    private void checkGroup(List<AuditedCell> group, String what, List<String> failures) {
        if (group.size() < 2) {
            return;
        }
        List<AuditedCell> suppressed =
                group.stream().filter(AuditedCell::suppressed).toList();
        long women = suppressed.stream().mapToLong(AuditedCell::trueWomen).sum();
        if (suppressed.size() == 1) {
            failures.add(suppressed.get(0).describe() + " is the only suppressed cell among " + what
                    + ": subtraction from their total recovers it");
        } else if (suppressed.size() > 1 && women < k && suppressed.size() < group.size()) {
            failures.add(String.join(
                            " and ",
                            suppressed.stream().map(AuditedCell::describe).toList())
                    + " are the suppressed cells among " + what + " and together describe fewer than k=" + k
                    + " women");
        }
    }

    private static Map<List<String>, List<AuditedCell>> group(
            List<AuditedCell> cells, Function<AuditedCell, List<String>> key) {
        Map<List<String>, List<AuditedCell>> groups = new LinkedHashMap<>();
        for (AuditedCell c : cells) {
            List<String> k =
                    key.apply(c).stream().map(v -> v == null ? "\u0000" : v).toList();
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
        }
        return groups;
    }
}
