package org.casetrail.jobs.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.SharedMargin;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Completes primary suppression so that subtraction recovers nothing (docs/protection.md,
 * "suppression"). In every group of cells that differ in one key only, and in every margin cell that
 * several views share ({@link SharedMargin}), a group of more than one cell has either no
 * suppressed cell, or at least two that together describe at least k women.
 *
 * <p>Where a group falls short, the smallest unsuppressed cell of the group is suppressed too
 * (ties broken by key), and the whole check is repeated until nothing changes: a greedy
 * heuristic in the spirit of tau-Argus's, which loses few women from the published figures
 * because the cells it sacrifices are the smallest ones that can do the job.
 */
public final class SecondarySuppression {

    /** One cell while suppression is decided. */
    public static final class Cell {
        final TableSpec table;
        final String[] key;
        final Map<String, String> keyByName;
        final long women;
        PublishedCell.Suppression suppression;

        public Cell(TableSpec table, String[] key, long women, PublishedCell.Suppression suppression) {
            this.table = table;
            this.key = key;
            this.women = women;
            this.suppression = suppression;
            this.keyByName = new LinkedHashMap<>();
            List<Column> keys = table.keys();
            for (int i = 0; i < keys.size(); i++) {
                keyByName.put(keys.get(i).name(), key[i]);
            }
        }

        boolean suppressed() {
            return suppression != PublishedCell.Suppression.NONE;
        }

        String sortKey() {
            return table.name() + Arrays.toString(key);
        }
    }

    private static final Comparator<Cell> SMALLEST_FIRST =
            Comparator.comparingLong((Cell c) -> c.women).thenComparing(Cell::sortKey);

    private final SuppressionRule rule;

    public SecondarySuppression(SuppressionRule rule) {
        this.rule = rule;
    }

    /** Marks further cells SECONDARY until every group and shared margin is protected. */
    public void complete(List<Cell> cells) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (TableSpec table : Tables.SUPPRESSED) {
                List<Cell> ofTable =
                        cells.stream().filter(c -> c.table == table).toList();
                for (int dropped = 0; dropped < table.keys().size(); dropped++) {
                    int without = dropped;
                    changed |= protectEach(groups(ofTable, c -> keyWithout(c.key, without)));
                }
            }
            for (SharedMargin margin : SharedMargin.ALL) {
                for (SharedMargin.View view : margin.views()) {
                    List<Cell> inView = cells.stream()
                            .filter(c -> c.table == view.table() && view.includes(c.keyByName))
                            .toList();
                    changed |= protectEach(groups(inView, c -> view.marginKey().apply(c.keyByName)));
                }
            }
        }
    }

    private boolean protectEach(Map<List<String>, List<Cell>> groups) {
        boolean changed = false;
        for (List<Cell> group : groups.values()) {
            changed |= protect(group);
        }
        return changed;
    }

    /** Suppresses one more cell of the group if it needs it; true if it did. */
    private boolean protect(List<Cell> group) {
        if (group.size() < 2) {
            return false;
        }
        int suppressed = 0;
        long women = 0;
        for (Cell c : group) {
            if (c.suppressed()) {
                suppressed++;
                women += c.women;
            }
        }
        if (suppressed == 0 || (suppressed >= 2 && !rule.tooFew(women))) {
            return false;
        }
        return group.stream()
                .filter(c -> !c.suppressed())
                .min(SMALLEST_FIRST)
                .map(c -> {
                    c.suppression = PublishedCell.Suppression.SECONDARY;
                    return true;
                })
                .orElse(false);
    }

    private static Map<List<String>, List<Cell>> groups(List<Cell> cells, Function<Cell, List<String>> groupKey) {
        Map<List<String>, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : cells) {
            groups.computeIfAbsent(groupKey.apply(c), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    private static List<String> keyWithout(String[] key, int dropped) {
        List<String> rest = new ArrayList<>(key.length - 1);
        for (int i = 0; i < key.length; i++) {
            if (i != dropped) {
                rest.add(key[i]);
            }
        }
        return rest;
    }
}
