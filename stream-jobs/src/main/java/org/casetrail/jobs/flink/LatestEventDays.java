package org.casetrail.jobs.flink;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Passes on an event's date (days since 1970-01-01) only when it is later than every date this
 * subtask has passed on: as_of needs only the latest date, and sending it every event's date would
 * shuffle and sort as many records as the log holds. After a restart it forgets what it sent and
 * sends some dates again, which {@link AsOfTracker} (it keeps the latest) does not mind.
 */
public final class LatestEventDays implements FlatMapFunction<LoggedEvent, Integer> {

    private static final long serialVersionUID = 1L;

    /** Each subtask has its own copy, deserialized from this starting value. */
    private int latest = Integer.MIN_VALUE;

    @Override
    public void flatMap(LoggedEvent event, Collector<Integer> out) {
        if (!event.isNotice() && event.day() > latest) {
            latest = event.day();
            out.collect(event.day());
        }
    }
}
