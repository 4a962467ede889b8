package org.casetrail.warehouse.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.OptionalLong;
import org.casetrail.schemas.release.ReportingPeriod;
import org.junit.jupiter.api.Test;

class PublicationPolicyTest {

    private static final LocalDate QUARTER_END = LocalDate.parse("2011-12-31");

    @Test
    void aPeriodEndWithKOfFiveOrMoreAnAuditPassedAndEnoughWomenChangedIsPublic() {
        ReleaseManifest.Publication p =
                PublicationPolicy.decide(QUARTER_END, ReportingPeriod.QUARTER, 10, true, OptionalLong.of(37), "r1");
        assertThat(p.isPublic()).isTrue();
        assertThat(p.reasons()).isEmpty();
        assertThat(PublicationPolicy.decide(QUARTER_END, ReportingPeriod.QUARTER, 5, true, OptionalLong.empty(), null)
                        .isPublic())
                .as("the first release of a warehouse")
                .isTrue();
    }

    @Test
    void fewerThanKWomenChangedKeepsItInternalAndSaysWhy() {
        ReleaseManifest.Publication p =
                PublicationPolicy.decide(QUARTER_END, ReportingPeriod.QUARTER, 10, true, OptionalLong.of(1), "r1");
        assertThat(p.isPublic()).isFalse();
        assertThat(p.womenChanged()).isEqualTo(1);
        assertThat(p.reasons())
                .singleElement()
                .asString()
                .contains("only 1 women's journeys differ from the current public release r1")
                .contains("fewer than k=10");
    }

    @Test
    void anyOtherAsOfASmallKOrAFailedAuditKeepItInternalWithEveryReason() {
        ReleaseManifest.Publication p = PublicationPolicy.decide(
                LocalDate.parse("2011-11-30"), ReportingPeriod.QUARTER, 3, false, OptionalLong.of(50), "r1");
        assertThat(p.isPublic()).isFalse();
        assertThat(p.reasons()).hasSize(3);
        assertThat(String.join("\n", p.reasons()))
                .contains("the audit failed")
                .contains("not the end of a quarter")
                .contains("it takes 2011-09-30 here")
                .contains("k=3 is below 5");
        assertThat(PublicationPolicy.decide(
                                LocalDate.parse("2011-11-30"),
                                ReportingPeriod.MONTH,
                                10,
                                true,
                                OptionalLong.empty(),
                                null)
                        .isPublic())
                .as("a month end under monthly periods")
                .isTrue();
    }
}
