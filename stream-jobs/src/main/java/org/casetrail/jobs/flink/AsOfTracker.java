package org.casetrail.jobs.flink;

import java.time.LocalDate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.casetrail.schemas.release.ReportingPeriod;

/**
 * The release's reference date as the log grows: the one given, or else the latest occurred_on seen
 * so far, or (for a public release) the last day of the latest reporting period that has ended by
 * then (docs/releases.md, "Public and internal releases"). Announces a new as_of at most once per
 * interval, because every new as_of makes every journey fold again; in BATCH mode its one timer
 * fires at the end of input, so a replay gets exactly the latest date of the whole log.
 */
public final class AsOfTracker extends KeyedProcessFunction<Integer, Integer, LocalDate> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<TableUpdate> PROGRESS =
            new OutputTag<>("progress", org.apache.flink.api.common.typeinfo.TypeInformation.of(TableUpdate.class));

    private final LocalDate fixedAsOf;
    private final ReportingPeriod period;
    private final long intervalMillis;
    private transient ValueState<LocalDate> latest;
    private transient ValueState<LocalDate> announced;
    private transient ValueState<Boolean> pending;

    /**
     * @param fixedAsOf the as_of of the run, or null to follow the log
     * @param period    with no fixed as_of, round the latest date down to this period's last end; null to follow the log's latest date
     */
    public AsOfTracker(LocalDate fixedAsOf, ReportingPeriod period, long intervalMillis) {
        this.fixedAsOf = fixedAsOf;
        this.period = period;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LOCAL_DATE));
        announced = getRuntimeContext().getState(new ValueStateDescriptor<>("announced", Types.LOCAL_DATE));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Types.BOOLEAN));
    }

    @Override
    /** @param epochDay an event's occurred_on: only its date travels here, not the event */
    public void processElement(Integer epochDay, Context ctx, Collector<LocalDate> out) throws Exception {
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        if (latest.value() == null || day.isAfter(latest.value())) {
            latest.update(day);
        }
        if (pending.value() == null) {
            pending.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + intervalMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LocalDate> out) throws Exception {
        pending.clear();
        LocalDate asOf = fixedAsOf != null
                ? fixedAsOf
                : period != null ? period.lastEndOnOrBefore(latest.value()) : latest.value();
        if (!asOf.equals(announced.value())) {
            announced.update(asOf);
            out.collect(asOf);
        }
        ctx.output(PROGRESS, TableUpdate.ofProgress(asOf.toString()));
    }
}
