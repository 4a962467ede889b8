package org.casetrail.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceParallelismTest {

    @Test
    void aFewMorePartitionsThanSubtasksGetASubtaskEach() {
        assertThat(OutcomeJob.sourceParallelism(2, 3)).isEqualTo(3);
        assertThat(OutcomeJob.sourceParallelism(2, 4)).isEqualTo(4);
        assertThat(OutcomeJob.sourceParallelism(4, 6)).isEqualTo(6);
    }

    @Test
    void asManyOrFewerPartitionsOrFarMoreKeepTheJobsParallelism() {
        assertThat(OutcomeJob.sourceParallelism(2, 1)).isEqualTo(2);
        assertThat(OutcomeJob.sourceParallelism(2, 2)).isEqualTo(2);
        assertThat(OutcomeJob.sourceParallelism(2, 5)).isEqualTo(2);
        assertThat(OutcomeJob.sourceParallelism(2, 48)).isEqualTo(2);
    }
}
