package org.casetrail.ingest.synthetic;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * A made-up woman: Khmer given and family names (romanized, sometimes with a Khmer-script
 * alias), a Cambodian phone and ID number, a village and province. Drawn from a seeded random
 * source, never from a real person.
 */
record FakePerson(
        String givenName,
        String familyName,
        List<String> aliases,
        LocalDate dateOfBirth,
        String phone,
        String nationalId,
        String email,
        String village,
        String province,
        String nationality) {

    private static final List<String> GIVEN = List.of(
            "Srey Neang",
            "Sreyleak",
            "Chanthy",
            "Sophorn",
            "Kanika",
            "Sreymao",
            "Bopha",
            "Dany",
            "Lina",
            "Pheakdey",
            "Sokhom",
            "Vicheka",
            "Sreyroth",
            "Thavy",
            "Chanda",
            "Ratana",
            "Kimly",
            "Sreynich",
            "Mony",
            "Sokny",
            "Linda",
            "Rotha",
            "Sreypich",
            "Kunthy",
            "Chhaya",
            "Sopheap",
            "Neary",
            "Vuthy");
    private static final List<String> FAMILY = List.of(
            "Chan", "Sok", "Kim", "Chea", "Heng", "Ly", "Meas", "Nhem", "Ouk", "Pich", "Prum", "Sam", "Seng", "Som",
            "Tep", "Touch", "Vong", "Yim", "Keo", "Mao", "Nuon", "Phan", "Long", "Hang");
    /** Khmer-script spellings of some given names, used as aliases. */
    private static final List<String> KHMER_SCRIPT =
            List.of("ស្រីនាង", "សុភ័ក្រ", "ចាន់ធី", "កញ្ញា", "បុប្ផា", "ស្រីម៉ៅ");

    private static final List<String> VILLAGES = List.of(
            "Prek Leap",
            "Chbar Ampov",
            "Kouk Khleang",
            "Phum Thmei",
            "Boeung Tumpun",
            "Kampong Luong",
            "Prey Sar",
            "Trapeang Thom",
            "Ta Khmau",
            "Svay Pak",
            "Chong Kneas",
            "Kbal Koh",
            "Tuol Sangke");
    private static final List<String> PROVINCES = List.of(
            "Phnom Penh",
            "Kandal",
            "Prey Veng",
            "Svay Rieng",
            "Kampong Cham",
            "Battambang",
            "Siem Reap",
            "Banteay Meanchey",
            "Takeo",
            "Kampot",
            "Kampong Speu",
            "Kampong Thom",
            "Koh Kong",
            "Pursat");
    private static final List<String> MOBILE_PREFIXES =
            List.of("12", "11", "17", "77", "89", "92", "10", "15", "16", "70");

    static FakePerson draw(Random random, LocalDate identifiedOn, boolean minor, boolean birthDateKnown) {
        String given = pick(random, GIVEN);
        String family = pick(random, FAMILY);
        List<String> aliases = switch (random.nextInt(6)) {
            case 0 -> List.of(given.contains(" ") ? given.substring(given.indexOf(' ') + 1) : given.substring(0, 3));
            case 1 -> List.of(pick(random, KHMER_SCRIPT));
            default -> List.of();
        };
        int age = minor ? 12 + random.nextInt(6) : 18 + random.nextInt(random.nextInt(10) < 8 ? 12 : 22);
        LocalDate dob = identifiedOn.minusYears(age).minusDays(random.nextInt(365));
        String phone = "+855 " + pick(random, MOBILE_PREFIXES) + " " + digits(random, 3) + " " + digits(random, 3);
        String email = random.nextInt(10) == 0
                ? given.toLowerCase().replace(" ", ".") + digits(random, 2) + "@mail.example"
                : null;
        String nationality = random.nextInt(20) == 0 ? "VN" : "KH";
        return new FakePerson(
                given,
                family,
                aliases,
                birthDateKnown ? dob : null,
                phone,
                digits(random, 9),
                email,
                pick(random, VILLAGES),
                pick(random, PROVINCES),
                nationality);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
