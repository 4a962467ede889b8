package org.casetrail.ingest.synthetic;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Testimonies in the voice of the organisation's published ones, mentioning the woman's own
 * identifiers in the varied spellings a case worker's notes contain: exactly what the scrubber at
 * ingest has to catch.
 */
final class Testimonies {

    private static final List<String> OPENINGS = List.of(
            "My name is %s and I come from %s.",
            "I am %s. I grew up in %s with my mother and two brothers.",
            "People in %2$s call me %1$s.",
            "%s, from %s, tells her story.");
    private static final List<String> MIDDLES = List.of(
            "A woman promised me work in a restaurant, but I was sold to a brothel and could not leave.",
            "I was taken to Thailand to work on a fishing boat kitchen and was never paid.",
            "When the police came, I was afraid they would arrest me, but they brought me to the shelter.",
            "In the shelter I learned to read and to sew, and the counsellor helped me sleep again.",
            "My family needed money after my father became sick, and a neighbour said she knew a job.");
    private static final List<String> ENDINGS = List.of(
            "Now I have my own sewing business and I send my sister to school.",
            "Today I work in a hotel in Siem Reap and I am saving money.",
            "I want other girls to know that they can ask for help.",
            "I still see the social worker every few months, and I feel safe.");

    private Testimonies() {}

    static String write(Random random, FakePerson p) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(FakePerson.pick(random, OPENINGS), nameVariant(random, p), p.village()));
        text.append(' ').append(FakePerson.pick(random, MIDDLES));
        if (p.dateOfBirth() != null && random.nextBoolean()) {
            text.append(" I was born on ").append(dateVariant(random, p)).append('.');
        }
        if (random.nextBoolean()) {
            text.append(' ')
                    .append(possessive(random, p))
                    .append(" mother still lives in ")
                    .append(p.village())
                    .append('.');
        }
        if (random.nextInt(3) == 0) {
            text.append(" You can reach her on ")
                    .append(phoneVariant(random, p.phone()))
                    .append('.');
        }
        if (random.nextInt(4) == 0) {
            text.append(" Her ID card number is ").append(p.nationalId()).append('.');
        }
        if (p.email() != null && random.nextBoolean()) {
            text.append(" She writes from ").append(p.email()).append('.');
        }
        if (!p.aliases().isEmpty()) {
            text.append(" Her friends call her ").append(p.aliases().get(0)).append('.');
        }
        text.append(' ').append(FakePerson.pick(random, ENDINGS));
        return text.toString();
    }

    private static String nameVariant(Random random, FakePerson p) {
        return switch (random.nextInt(5)) {
            case 0 -> p.givenName() + " " + p.familyName();
            case 1 -> p.familyName() + " " + p.givenName();
            case 2 -> p.givenName().toUpperCase(Locale.ROOT);
            case 3 -> p.givenName().replace(" ", "");
            default -> p.givenName();
        };
    }

    private static String possessive(Random random, FakePerson p) {
        return (random.nextBoolean() ? p.givenName() : p.familyName() + ", " + p.givenName()) + "'s";
    }

    private static String phoneVariant(Random random, String phone) {
        String national = "0" + phone.substring(5).replace(" ", "");
        return switch (random.nextInt(4)) {
            case 0 -> phone;
            case 1 -> national.substring(0, 3) + "-" + national.substring(3, 6) + "-" + national.substring(6);
            case 2 -> national;
            default -> "(+855) " + phone.substring(5);
        };
    }

    private static String dateVariant(Random random, FakePerson p) {
        String pattern =
                FakePerson.pick(random, List.of("d MMMM yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "MMMM d, yyyy", "d.M.yyyy"));
        return p.dateOfBirth().format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH));
    }
}
