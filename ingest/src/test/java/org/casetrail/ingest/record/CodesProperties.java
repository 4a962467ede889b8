package org.casetrail.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written code checks accept exactly what the regular expressions they replaced matched. */
class CodesProperties {

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern CENTRE = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern NATIONALITY = Pattern.compile("[A-Z]{2}");

    /** Mostly code characters, at and around the length limits, with the characters just outside the classes. */
    @Provide
    Arbitrary<String> codes() {
        Arbitrary<Character> near = Arbitraries.of(
                'a', 'z', 'A', 'Z', '0', '9', '_', '.', '-', '@', '[', '`', '{', '/', ':', ' ', 'é', 'ß', '\u212A',
                '\u0130', '\uD83D', '\uDE00', '\u0000');
        Arbitrary<String> mostlyCodes = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.chars().range('A', 'Z')),
                        net.jqwik.api.Tuple.of(4, Arbitraries.chars().range('a', 'z')),
                        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('0', '9')),
                        net.jqwik.api.Tuple.of(2, near),
                        net.jqwik.api.Tuple.of(1, Arbitraries.chars()))
                .list()
                .ofMaxSize(70)
                .map(chars -> {
                    StringBuilder s = new StringBuilder();
                    chars.forEach(s::append);
                    return s.toString();
                });
        return Arbitraries.oneOf(
                mostlyCodes,
                Arbitraries.of(
                        "ALL",
                        "all",
                        "aLl",
                        "AL",
                        "A",
                        "",
                        "GB",
                        "gb",
                        "K\u212A",
                        "afesip-cms",
                        "casetrail-synthetic",
                        "TOM_DY",
                        "x".repeat(32),
                        "x".repeat(33),
                        "y".repeat(64),
                        "y".repeat(65)));
    }

    @Property(tries = 5000)
    void sameAsTheExpressions(@ForAll("codes") String text) {
        assertThat(Codes.isSource(text)).isEqualTo(SOURCE.matcher(text).matches());
        assertThat(Codes.isCentre(text)).isEqualTo(CENTRE.matcher(text).matches() && !text.equalsIgnoreCase("ALL"));
        assertThat(Codes.isNationality(text))
                .isEqualTo(NATIONALITY.matcher(text).matches());
    }
}
