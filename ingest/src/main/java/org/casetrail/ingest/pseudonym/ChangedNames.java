package org.casetrail.ingest.pseudonym;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The name a published text uses for a woman: a common Khmer given name chosen from her case
 * pseudonym and marked with an asterisk, as the organisation's own published testimonies do
 * ("Makara*"). Deterministic, so every record of a case gets the same one.
 */
public final class ChangedNames {

    static final List<String> GIVEN_NAMES = List.of(
            "Makara",
            "Sophea",
            "Sokha",
            "Channary",
            "Bopha",
            "Chenda",
            "Kunthea",
            "Leakena",
            "Malis",
            "Mealea",
            "Nary",
            "Phalla",
            "Rachana",
            "Raksmey",
            "Sreymom",
            "Sokunthea",
            "Sophal",
            "Sothea",
            "Thida",
            "Vanna",
            "Kolab",
            "Kanha",
            "Sreypov",
            "Chantrea",
            "Davy",
            "Sovanna",
            "Pisey",
            "Romduol",
            "Sokleap",
            "Bormey",
            "Chanthou",
            "Kalliyan",
            "Monineath",
            "Navy",
            "Putheavy",
            "Sinat",
            "Socheata",
            "Vannary",
            "Voleak",
            "Sreyleak");

    private ChangedNames() {}

    /**
     * The changed name for a case. A name that equals one of her own names is skipped, so the
     * published text never happens to print her real given name.
     */
    public static String forCase(String casePseudonym, Set<String> ownNames) {
        int start = Integer.parseUnsignedInt(casePseudonym.substring(0, 7), 16) % GIVEN_NAMES.size();
        for (int i = 0; i < GIVEN_NAMES.size(); i++) {
            String candidate = GIVEN_NAMES.get((start + i) % GIVEN_NAMES.size());
            if (!ownNames.contains(candidate.toLowerCase(Locale.ROOT))) {
                return candidate + "*";
            }
        }
        return "Anonymous*";
    }
}
