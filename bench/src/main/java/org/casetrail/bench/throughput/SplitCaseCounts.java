package org.casetrail.bench.throughput;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.casetrail.jobs.flink.LoggedEvent;

/**
 * Counts the records of each case that reach this subtask, in a map by case hash, and emits one
 * count per case at the end of input: grouping with no shuffle and no sort, which holds only if
 * every record of a case reaches the same subtask (it does when the topic is keyed by case, as a
 * source split is a whole partition). Its memory grows with the cases, not the records. Chained
 * to the source (the default for an operator of one input with a forward connection).
 */
final class SplitCaseCounts extends AbstractStreamOperator<LoggedEvent>
        implements OneInputStreamOperator<LoggedEvent, LoggedEvent>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final byte[] NO_BYTES = new byte[0];

    private transient Map<Long, int[]> counts;

    @Override
    public void open() throws Exception {
        super.open();
        counts = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<LoggedEvent> element) {
        LoggedEvent record = element.getValue();
        counts.computeIfAbsent(record.caseHash(), hash -> new int[1])[0] += record.day();
    }

    @Override
    public void endInput() {
        for (Map.Entry<Long, int[]> count : counts.entrySet()) {
            output.collect(new StreamRecord<>(new LoggedEvent(count.getKey(), count.getValue()[0], -1, NO_BYTES)));
        }
        counts.clear();
    }
}
