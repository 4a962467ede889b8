package org.casetrail.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.schemas.table.Tables;
import org.junit.jupiter.api.Test;

/** When the summed cell contributions leave the journey task: at the end of input, before a checkpoint, on a timer. */
class CellSumsOperatorHarnessTest {

    private static StreamRecord<CellContribution> woman(String course, int recordKey) {
        return new StreamRecord<>(CellContribution.to(Tables.TRAINING_OUTCOMES, 2010, course)
                .count("cases", 1)
                .build()
                .ofWoman(recordKey));
    }

    private static long cases(List<CellContribution> out, String course) {
        return out.stream()
                .filter(c -> c.key[1].equals(course))
                .mapToLong(CellContribution::cases)
                .sum();
    }

    @Test
    void aReplayPassesOnOneSumPerCellAtTheEndOfInput() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new CellSumsOperator(0))) {
            h.open();
            h.processElement(woman("SEWING", 1));
            h.processElement(woman("SEWING", 2));
            h.processElement(woman("WEAVING", 3));
            h.setProcessingTime(10_000);
            assertThat(h.extractOutputValues()).isEmpty();

            h.endInput();

            List<CellContribution> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(cases(out, "SEWING")).isEqualTo(2);
            assertThat(cases(out, "WEAVING")).isEqualTo(1);
        }
    }

    @Test
    void nothingStaysInMemoryAcrossACheckpoint() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new CellSumsOperator(0))) {
            h.open();
            h.processElement(woman("SEWING", 1));

            h.prepareSnapshotPreBarrier(1);

            assertThat(cases(h.extractOutputValues(), "SEWING")).isEqualTo(1);
        }
    }

    @Test
    void aStreamingRunPassesItsSumsOnEveryInterval() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new CellSumsOperator(200))) {
            h.setProcessingTime(0);
            h.open();
            h.processElement(woman("SEWING", 1));
            h.setProcessingTime(199);
            assertThat(h.extractOutputValues()).isEmpty();

            h.setProcessingTime(200);
            assertThat(cases(h.extractOutputValues(), "SEWING")).isEqualTo(1);

            h.processElement(woman("SEWING", 2));
            h.setProcessingTime(400);
            assertThat(cases(h.extractOutputValues(), "SEWING")).isEqualTo(2);
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }
}
