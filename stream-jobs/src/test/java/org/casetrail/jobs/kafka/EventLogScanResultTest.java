package org.casetrail.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.casetrail.jobs.JobException;
import org.junit.jupiter.api.Test;

class EventLogScanResultTest {

    @Test
    void aLogWrittenWithTwoKeysIsRefusedNamingBothFingerprints() {
        var result = new EventLogScan.Result("case-events", Map.of(0, 10L), 10, LocalDate.of(2012, 1, 1),
                new TreeSet<>(Set.of("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb")));
        assertThatThrownBy(result::keyFingerprint).isInstanceOf(JobException.class)
                .hasMessageContaining("aaaaaaaaaaaaaaaa").hasMessageContaining("bbbbbbbbbbbbbbbb").hasMessageContaining("Re-ingest");
    }

    @Test
    void anEmptyLogSaysToIngestFirst() {
        var result = new EventLogScan.Result("case-events", Map.of(0, 0L), 0, null, Set.of());
        assertThatThrownBy(result::keyFingerprint).hasMessageContaining("ingest an export first");
    }

    @Test
    void oneKeyIsTheLogsFingerprint() {
        var result = new EventLogScan.Result("case-events", Map.of(0, 10L, 1, 5L), 15, LocalDate.of(2012, 1, 1), Set.of("aaaaaaaaaaaaaaaa"));
        assertThat(result.keyFingerprint()).isEqualTo("aaaaaaaaaaaaaaaa");
        assertThat(result.stoppingOffsets()).hasSize(2);
    }
}
