package org.casetrail.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BarChartSvgTest {

    @Test
    void theAxisTopIsFourWholeStepsAboveTheLargestCount() {
        assertThat(BarChartSvg.niceCeiling(52)).isEqualTo(80);
        assertThat(BarChartSvg.niceCeiling(25)).isEqualTo(40);
        assertThat(BarChartSvg.niceCeiling(69)).isEqualTo(80);
        assertThat(BarChartSvg.niceCeiling(3)).isEqualTo(4);
        assertThat(BarChartSvg.niceCeiling(0)).isEqualTo(4);
        assertThat(BarChartSvg.niceCeiling(137)).isEqualTo(200);
        assertThat(BarChartSvg.niceCeiling(1000)).isEqualTo(1000);
    }
}
