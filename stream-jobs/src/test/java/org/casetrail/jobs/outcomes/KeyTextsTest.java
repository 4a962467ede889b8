package org.casetrail.jobs.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.casetrail.schemas.event.ExploitationType;
import org.junit.jupiter.api.Test;

class KeyTextsTest {

    @Test
    void equalKeyValuesBecomeOneInstanceWithTheirOwnText() {
        String centre = new String(new char[] {'T', 'O', 'M', '_', 'D', 'Y'});
        String sameCentre = new String(centre.toCharArray());

        assertThat(KeyTexts.of(centre)).isEqualTo("TOM_DY").isSameAs(KeyTexts.of(sameCentre));
        assertThat(KeyTexts.of(Integer.valueOf(2011))).isEqualTo("2011").isSameAs(KeyTexts.of(2011));
        assertThat(KeyTexts.of(1850)).isEqualTo("1850");
        assertThat(KeyTexts.of(ExploitationType.SEXUAL)).isEqualTo(ExploitationType.SEXUAL.toString());
        assertThat(KeyTexts.of(null)).isNull();
    }
}
