package org.casetrail.warehouse.report;

import java.util.List;

/**
 * A bar chart of published figures: categories along the bottom, one bar per series in each
 * category (grouped bars), and the table it was read from.
 */
public record Chart(String title, String caption, String source, List<String> categories, List<Series> series) {

    /** One series of bars, one figure per category (in the order of the categories). */
    public record Series(String name, List<Figure> figures) {}

    public boolean isEmpty() {
        return categories.isEmpty();
    }

    public long withheldCount() {
        return series.stream()
                .flatMap(s -> s.figures().stream())
                .filter(f -> f.state() == Figure.State.WITHHELD)
                .count();
    }
}
