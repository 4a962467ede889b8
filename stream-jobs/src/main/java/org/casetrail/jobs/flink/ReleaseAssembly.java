package org.casetrail.jobs.flink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.jobs.release.Snapshot;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.UnfoldedRecords;

/**
 * Holds the latest value of every cell and every journey in one place (disclosure control needs
 * all cells at once: suppression must hold across cells and tables) and writes a complete
 * {@link Snapshot} of the warehouse tables when they have changed: in BATCH mode once, at the end
 * of input, straight into the release folder; in STREAMING mode at most once per interval, as
 * numbered snapshots the catalog can read while the job runs.
 *
 * <p>A snapshot is a function of the operator's state alone, and that state is checkpointed, so
 * a job restored after a crash writes the same snapshots again from the same input.
 */
public final class ReleaseAssembly extends KeyedProcessFunction<Integer, TableUpdate, Void> {

    private static final long serialVersionUID = 1L;

    /** Where snapshots go (a path or a URI of Flink's file systems): straight into one folder (a batch release) or numbered under a root. */
    public record Target(String dir, boolean numbered) implements java.io.Serializable {}

    private final DisclosureSettings settings;
    private final Target target;
    private final long intervalMillis;
    private transient MapState<String, CellContribution> cells;
    private transient MapState<String, TableUpdate> journeys;
    private transient ValueState<TableUpdate> progress;
    private transient ValueState<Boolean> pending;
    private transient ValueState<Long> sequence;
    private transient ValueState<TableUpdate> unfolded;

    public ReleaseAssembly(DisclosureSettings settings, Target target, long intervalMillis) {
        this.settings = settings;
        this.target = target;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        cells = getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>("cells", Types.STRING, TypeInformation.of(CellContribution.class)));
        journeys = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("journeys", Types.STRING, TypeInformation.of(TableUpdate.class)));
        progress = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("progress", TypeInformation.of(TableUpdate.class)));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Types.BOOLEAN));
        sequence = getRuntimeContext().getState(new ValueStateDescriptor<>("sequence", Types.LONG));
        unfolded = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("unfolded", TypeInformation.of(TableUpdate.class)));
    }

    @Override
    public void processElement(TableUpdate update, Context ctx, Collector<Void> out) throws Exception {
        switch (update.kind) {
            case CELL -> {
                if (update.cell.cases() == 0) {
                    cells.remove(update.cell.cellId());
                } else {
                    cells.put(update.cell.cellId(), update.cell);
                }
            }
            case JOURNEY -> journeys.put(update.casePseudonym, update);
            case PROGRESS -> progress.update(update);
            case UNFOLDED -> {
                for (String dropped : update.droppedCases) {
                    journeys.remove(dropped);
                }
                UnfoldedRecords before = unfolded.value() == null
                        ? UnfoldedRecords.NONE
                        : unfolded.value().unfolded();
                unfolded.update(TableUpdate.ofUnfolded(new String[0], before.plus(update.unfolded())));
            }
        }
        if (pending.value() == null) {
            pending.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + intervalMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Void> out) throws Exception {
        pending.clear();
        List<OutcomeCell> all = new ArrayList<>();
        for (CellContribution cell : cells.values()) {
            all.add(OutcomeCell.of(cell));
        }
        Map<String, Snapshot.Journey> byCase = new HashMap<>();
        // What the snapshot describes: the events its journeys were folded from (not those merely read, which can run
        // ahead).
        long events = 0;
        for (Map.Entry<String, TableUpdate> j : journeys.entries()) {
            byCase.put(
                    j.getKey(),
                    new Snapshot.Journey(j.getValue().inclusion, j.getValue().journey, j.getValue().testimonies));
            events += j.getValue().eventsSeen;
        }
        TableUpdate progressed = progress.value();
        String asOf = progressed == null ? null : progressed.asOf;
        long next = sequence.value() == null ? 1 : sequence.value() + 1;
        sequence.update(next);
        UnfoldedRecords notFolded = unfolded.value() == null
                ? UnfoldedRecords.NONE
                : unfolded.value().unfolded();
        if (target.numbered()) {
            Snapshot.writeNumbered(target.dir(), all, byCase, settings, asOf, events, notFolded, next);
        } else {
            Snapshot.write(target.dir(), all, byCase, settings, asOf, events, notFolded, next);
        }
    }
}
