package org.casetrail.ingest.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NarrativeScrubberTest {

    private static final PersonIdentifiers SREY_NEANG = new PersonIdentifiers(
            "Srey Neang",
            "Chan",
            List.of("Neang", "ស្រីនាង"),
            LocalDate.of(1983, 5, 2),
            "+855 12 345 678",
            "010203040",
            "neang.chan@mail.example",
            "Prek Leap");

    private static String scrub(String text) {
        return NarrativeScrubber.scrub(text, SREY_NEANG, "Makara*");
    }

    @Test
    void namesInAnyOrderCaseSpacingAndPossessiveBecomeTheChangedName() {
        assertThat(scrub("My name is Srey Neang Chan.")).isEqualTo("My name is Makara*.");
        assertThat(scrub("CHAN SREY NEANG was sold.")).isEqualTo("Makara* was sold.");
        assertThat(scrub("Chan, Srey-Neang said no.")).isEqualTo("Makara* said no.");
        assertThat(scrub("SreyNeang's mother came.")).isEqualTo("Makara*'s mother came.");
        assertThat(scrub("Neang’s friend")).isEqualTo("Makara*’s friend");
        assertThat(scrub("They called her neang.")).isEqualTo("They called her Makara*.");
    }

    @Test
    void khmerScriptNameIsReplacedInsideKhmerText() {
        assertThat(scrub("ខ្ញុំឈ្មោះស្រីនាង។")).isEqualTo("ខ្ញុំឈ្មោះMakara*។");
    }

    @Test
    void nameInsideAnotherWordIsLeftAlone() {
        assertThat(scrub("She works in Chantrea market.")).isEqualTo("She works in Chantrea market.");
    }

    @Test
    void phoneInItsUsualSpellingsBecomesAPlaceholder() {
        assertThat(scrub("Call +855 12 345 678.")).isEqualTo("Call [phone].");
        assertThat(scrub("Call 012-345-678.")).isEqualTo("Call [phone].");
        assertThat(scrub("Call 012345678.")).isEqualTo("Call [phone].");
        assertThat(scrub("Call (+855) 12 345 678.")).isEqualTo("Call [phone].");
        assertThat(scrub("Call 00855 12345678 today")).isEqualTo("Call [phone] today");
    }

    @Test
    void idEmailVillageAndBirthDateBecomePlaceholders() {
        assertThat(scrub("ID 010 203 040.")).isEqualTo("ID [id].");
        assertThat(scrub("Mail NEANG.CHAN@mail.example now")).isEqualTo("Mail [email] now");
        assertThat(scrub("She grew up in prek-leap.")).isEqualTo("She grew up in [village].");
        assertThat(scrub("Born 2 May 1983.")).isEqualTo("Born [birth date].");
        assertThat(scrub("Born 02/05/1983.")).isEqualTo("Born [birth date].");
        assertThat(scrub("Born 1983-05-02.")).isEqualTo("Born [birth date].");
        assertThat(scrub("Born May 2nd, 1983.")).isEqualTo("Born [birth date].");
        assertThat(scrub("Born 2.5.1983.")).isEqualTo("Born [birth date].");
    }

    @Test
    void anyOtherLongNumberOrEmailIsRemovedToo() {
        assertThat(scrub("Her brother's phone is 097 765 4321, mail bro@x.example"))
                .isEqualTo("Her brother's phone is [number], mail [email]");
    }

    @Test
    void shortNumbersAndYearsStay() {
        assertThat(scrub("In 2009 she was 17 and earned 120 dollars."))
                .isEqualTo("In 2009 she was 17 and earned 120 dollars.");
    }
}
