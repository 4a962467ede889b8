package org.casetrail.bench.throughput;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.casetrail.jobs.flink.LoggedEvent;

/**
 * Counts the records of each run of one case in an input sorted by case, and emits the count
 * when the next case starts and at the end of input: what a fold over a sorted subtask keeps,
 * one case at a time.
 */
final class SortedRunCounts extends AbstractStreamOperator<LoggedEvent>
        implements OneInputStreamOperator<LoggedEvent, LoggedEvent>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final byte[] NO_BYTES = new byte[0];

    private transient boolean inRun;
    private transient long caseHash;
    private transient int count;

    @Override
    public void processElement(StreamRecord<LoggedEvent> element) {
        LoggedEvent record = element.getValue();
        if (inRun && record.caseHash() != caseHash) {
            emit();
        }
        if (!inRun) {
            inRun = true;
            caseHash = record.caseHash();
            count = 0;
        }
        count += record.day();
    }

    @Override
    public void endInput() {
        if (inRun) {
            emit();
        }
    }

    private void emit() {
        output.collect(new StreamRecord<>(new LoggedEvent(caseHash, count, -1, NO_BYTES)));
        inRun = false;
    }
}
