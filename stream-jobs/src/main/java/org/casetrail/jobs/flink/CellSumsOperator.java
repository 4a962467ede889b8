package org.casetrail.jobs.flink;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.CellSums;

/**
 * Sums the journeys' cell contributions where they are made (chained to the journey operator)
 * and passes on only the sums ({@link CellSums}): at the end of input in a replay, so a replay
 * shuffles and sorts a few sums per cell instead of one contribution per woman and cell; in a
 * streaming run also every {@code flushMillis}, so snapshots stay current.
 *
 * <p>It holds no Flink state: it passes everything on before each checkpoint barrier, so a
 * checkpoint never covers a contribution that is still only in memory here.
 */
public final class CellSumsOperator extends AbstractStreamOperator<CellContribution>
        implements OneInputStreamOperator<CellContribution, CellContribution>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final long flushMillis;
    private transient CellSums sums;

    /** @param flushMillis how often a streaming run passes its sums on; 0 for only at the end of input and at checkpoints */
    public CellSumsOperator(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        sums = new CellSums();
        if (flushMillis > 0) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        getProcessingTimeService()
                .registerTimer(getProcessingTimeService().getCurrentProcessingTime() + flushMillis, time -> {
                    flush();
                    scheduleFlush();
                });
    }

    @Override
    public void processElement(StreamRecord<CellContribution> element) {
        sums.add(element.getValue());
    }

    @Override
    public void endInput() {
        flush();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    private void flush() {
        if (sums.isEmpty()) {
            return;
        }
        for (CellContribution sum : sums.drain()) {
            output.collect(new StreamRecord<>(sum));
        }
    }
}
