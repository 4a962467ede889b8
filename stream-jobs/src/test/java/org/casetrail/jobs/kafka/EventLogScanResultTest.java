package org.casetrail.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.casetrail.jobs.JobException;
import org.junit.jupiter.api.Test;

class EventLogScanResultTest {

    @Test
    void anEmptyLogSaysToIngestFirst() {
        var result = new EventLogScan.Result("case-events", Map.of(0, 0L), 0, null);
        assertThatThrownBy(result::keyFingerprint)
                .isInstanceOf(JobException.class)
                .hasMessageContaining("ingest an export first");
    }

    @Test
    void theFirstEventsKeyIsTheLogsFingerprintAndEveryPartitionGetsAStop() {
        var result = new EventLogScan.Result("case-events", Map.of(0, 10L, 1, 5L), 15, "aaaaaaaaaaaaaaaa");
        assertThat(result.keyFingerprint()).isEqualTo("aaaaaaaaaaaaaaaa");
        assertThat(result.stoppingOffsets()).hasSize(2).containsValues(10L, 5L);
    }
}
