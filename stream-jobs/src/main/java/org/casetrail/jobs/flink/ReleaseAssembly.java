package org.casetrail.jobs.flink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.casetrail.jobs.disclosure.DisclosureControl;
import org.casetrail.jobs.disclosure.PublishedCell;
import org.casetrail.jobs.disclosure.SuppressionRule;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.jobs.release.TableRows;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Gathers the latest value of every cell of every published table in one place (disclosure
 * control needs them all at once: suppression must hold across cells and tables) and, at the end
 * of input, applies {@link DisclosureControl} and emits each table's rows on its side output.
 */
public final class ReleaseAssembly extends KeyedProcessFunction<Integer, CellContribution, Void> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, OutputTag<GenericRecord>> TABLE_OUTPUTS = new LinkedHashMap<>();

    static {
        for (TableSpec spec : Tables.SUPPRESSED) {
            for (TableSpec output : List.of(spec, spec.unsuppressed())) {
                TABLE_OUTPUTS.put(output.name(), new OutputTag<>(output.name(), new GenericRecordAvroTypeInfo(output.avroSchema())));
            }
        }
    }

    private final int k;
    private transient MapState<String, CellContribution> cells;
    private transient ValueState<Boolean> assemblyPending;
    private transient Map<String, Schema> schemas;

    public ReleaseAssembly(int k) {
        this.k = k;
    }

    public static OutputTag<GenericRecord> outputOf(TableSpec spec) {
        return TABLE_OUTPUTS.get(spec.name());
    }

    @Override
    public void open(OpenContext context) {
        cells = getRuntimeContext().getMapState(new MapStateDescriptor<>("cells",
                TypeInformation.of(String.class), TypeInformation.of(CellContribution.class)));
        assemblyPending = getRuntimeContext().getState(new ValueStateDescriptor<>("assembly-pending", Boolean.class));
        schemas = new LinkedHashMap<>();
        for (TableSpec spec : Tables.SUPPRESSED) {
            schemas.put(spec.name(), spec.avroSchema());
            schemas.put(spec.unsuppressed().name(), spec.unsuppressed().avroSchema());
        }
    }

    @Override
    public void processElement(CellContribution cell, Context ctx, Collector<Void> out) throws Exception {
        if (cell.cases() == 0) {
            cells.remove(cell.cellId());
        } else {
            cells.put(cell.cellId(), cell);
        }
        if (assemblyPending.value() == null) {
            assemblyPending.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Void> out) throws Exception {
        assemblyPending.clear();
        List<OutcomeCell> all = new ArrayList<>();
        for (CellContribution cell : cells.values()) {
            all.add(OutcomeCell.of(cell));
        }
        for (OutcomeCell cell : all) {
            TableSpec raw = Tables.byName(cell.table).orElseThrow().unsuppressed();
            ctx.output(outputOf(raw), TableRows.unsuppressed(Tables.byName(cell.table).orElseThrow(), schemas.get(raw.name()), cell));
        }
        DisclosureControl.Release release = new DisclosureControl(new SuppressionRule(k)).apply(all);
        for (Map.Entry<TableSpec, List<PublishedCell>> table : release.tables().entrySet()) {
            TableSpec spec = table.getKey();
            Schema schema = schemas.get(spec.name());
            for (PublishedCell cell : table.getValue()) {
                ctx.output(outputOf(spec), TableRows.published(spec, schema, cell));
            }
            getRuntimeContext().getLongCounter(JobCounters.rows(spec.name())).add(table.getValue().size());
            for (PublishedCell.Suppression kind : List.of(PublishedCell.Suppression.PRIMARY, PublishedCell.Suppression.SECONDARY)) {
                getRuntimeContext().getLongCounter(JobCounters.suppressed(spec.name(), kind.name().toLowerCase()))
                        .add(release.suppressed(spec, kind));
            }
        }
    }
}
