package org.casetrail.schemas.table;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A total that several published views reveal: summing a view's cells by the margin key gives the
 * same number of women in every view. If one view shows all its cells of a margin cell, the total
 * is known, and another view's suppressed cells there could be recovered by subtraction; so in
 * every view the suppressed cells of a margin cell must describe no women or at least k.
 */
public record SharedMargin(String name, List<View> views) {

    /**
     * One table's cells (optionally only those with {@code column = value}) mapped to the margin key.
     *
     * @param marginKey the margin key of a cell, from the cell's key values by column name
     */
    public record View(
            TableSpec table,
            String filterColumn,
            String filterValue,
            Function<Map<String, String>, List<String>> marginKey) {

        public boolean includes(Map<String, String> key) {
            return filterColumn == null || filterValue.equals(key.get(filterColumn));
        }

        public String describe() {
            return table.name() + (filterColumn == null ? "" : " (" + filterColumn + "=" + filterValue + ")");
        }
    }

    /** Minor or not, from an age band at identification: what referral_sources' minor column says. */
    public static String minorOf(String ageBand) {
        return switch (ageBand) {
            case "AGE_0_11", "AGE_12_14", "AGE_15_17" -> "MINOR";
            case "UNKNOWN" -> "UNKNOWN";
            default -> "ADULT";
        };
    }

    /**
     * The totals the published tables share, across which secondary suppression protects a withheld
     * figure (docs/protection.md, "suppression").
     */
    public static final List<SharedMargin> ALL = List.of(
            new SharedMargin(
                    "women identified by year, form of exploitation and minor",
                    List.of(
                            new View(
                                    Tables.COHORT_OUTCOMES,
                                    null,
                                    null,
                                    k -> java.util.Arrays.asList(
                                            k.get("identification_year"),
                                            k.get("exploitation_type"),
                                            minorOf(k.get("age_band")))),
                            new View(
                                    Tables.REFERRAL_SOURCES,
                                    null,
                                    null,
                                    k -> java.util.Arrays.asList(
                                            k.get("identification_year"),
                                            k.get("exploitation_type"),
                                            k.get("minor"))))),
            new SharedMargin(
                    "women reintegrated in a year (every checkpoint counts each of them once)",
                    List.of(checkpoint("3"), checkpoint("6"), checkpoint("12"), checkpoint("24"))));

    private static View checkpoint(String months) {
        return new View(Tables.FOLLOWUP_STATUS, "checkpoint_months", months, k -> List.of(k.get("reintegration_year")));
    }
}
