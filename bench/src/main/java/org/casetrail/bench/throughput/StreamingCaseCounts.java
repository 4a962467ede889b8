package org.casetrail.bench.throughput;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.casetrail.jobs.flink.LoggedEvent;

/**
 * A case's count in keyed state, for STREAMING mode, where records arrive in no order of case:
 * the first record of a case sets an event-time timer at the end of time, which the watermark a
 * bounded source sends when it finishes fires, once per case; the count is emitted and cleared
 * then. State and timers grow with the cases, not the records.
 */
final class StreamingCaseCounts extends KeyedProcessFunction<Long, LoggedEvent, LoggedEvent> {

    private static final long serialVersionUID = 1L;
    private static final byte[] NO_BYTES = new byte[0];

    private transient ValueState<Integer> count;

    @Override
    public void open(OpenContext context) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
    }

    @Override
    public void processElement(LoggedEvent record, Context ctx, Collector<LoggedEvent> out) throws Exception {
        Integer sofar = count.value();
        if (sofar == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            count.update(record.day());
        } else {
            count.update(sofar + record.day());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LoggedEvent> out) throws Exception {
        out.collect(new LoggedEvent(ctx.getCurrentKey(), count.value(), -1, NO_BYTES));
        count.clear();
    }
}
