package org.casetrail.ingest.pseudonym;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The direct identifiers of one person as an input record carries them. Lives only inside ingest,
 * for the span of one record: it is never logged, serialized or put in a message.
 */
public record PersonIdentifiers(
        String givenName,
        String familyName,
        List<String> aliases,
        LocalDate dateOfBirth,
        String phone,
        String nationalId,
        String email,
        String village) {

    /** Compiled once: String.split and replaceAll compile their pattern on every call, for every record. */
    private static final Pattern SPACES_OR_HYPHENS = Pattern.compile("[\\s\\-]+");

    public PersonIdentifiers {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Every name she is known by: given name, family name and aliases, as written. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (givenName != null && !givenName.isBlank()) {
            names.add(givenName);
        }
        if (familyName != null && !familyName.isBlank()) {
            names.add(familyName);
        }
        for (String alias : aliases) {
            if (alias != null && !alias.isBlank()) {
                names.add(alias);
            }
        }
        return names;
    }

    /** Her names and their parts, lower-cased: a changed name must be none of them. */
    public Set<String> lowerCaseNameParts() {
        Set<String> parts = new HashSet<>();
        for (String name : names()) {
            String lower = name.toLowerCase(Locale.ROOT).strip();
            parts.add(lower);
            parts.add(SPACES_OR_HYPHENS.matcher(lower).replaceAll(""));
            for (String part : SPACES_OR_HYPHENS.split(lower)) {
                parts.add(part);
            }
        }
        return parts;
    }

    @Override
    public String toString() {
        return "PersonIdentifiers[redacted]";
    }
}
