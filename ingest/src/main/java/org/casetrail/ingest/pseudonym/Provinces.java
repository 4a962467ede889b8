package org.casetrail.ingest.pseudonym;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The default province vocabulary: Cambodia's 25 provinces (including Phnom Penh). Matching ignores
 * letter case, spaces and hyphens, so "Banteay-Meanchey" and "banteay meanchey" are one province.
 */
public final class Provinces {

    public static final List<String> CAMBODIA = List.of(
            "Banteay Meanchey",
            "Battambang",
            "Kampong Cham",
            "Kampong Chhnang",
            "Kampong Speu",
            "Kampong Thom",
            "Kampot",
            "Kandal",
            "Kep",
            "Koh Kong",
            "Kratie",
            "Mondulkiri",
            "Oddar Meanchey",
            "Pailin",
            "Phnom Penh",
            "Preah Sihanouk",
            "Preah Vihear",
            "Prey Veng",
            "Pursat",
            "Ratanakiri",
            "Siem Reap",
            "Stung Treng",
            "Svay Rieng",
            "Takeo",
            "Tbong Khmum");

    /** Compiled once, not on every call as String.replaceAll would. */
    private static final Pattern SPACES_OR_HYPHENS = Pattern.compile("[\\s\\-]+");

    private static final Map<String, String> BY_FOLDED_NAME = new HashMap<>();

    static {
        for (String province : CAMBODIA) {
            BY_FOLDED_NAME.put(fold(province), province);
        }
    }

    private Provinces() {}

    /** The canonical name of a province, or empty when it is not in the vocabulary. */
    public static Optional<String> canonical(String name) {
        return Optional.ofNullable(BY_FOLDED_NAME.get(fold(name)));
    }

    private static String fold(String name) {
        return SPACES_OR_HYPHENS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
