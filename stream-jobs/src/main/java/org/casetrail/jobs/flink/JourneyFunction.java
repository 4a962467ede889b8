package org.casetrail.jobs.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.casetrail.jobs.JobException;
import org.casetrail.jobs.journey.CaseJourney;
import org.casetrail.jobs.journey.Testimony;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.JourneyCells;
import org.casetrail.jobs.release.TableRows;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.table.Tables;

/**
 * Keeps every event of a case (keyed by case pseudonym) and, once the case has been quiet for a
 * moment, folds them into its {@link CaseJourney} and emits what the journey contributes to each
 * cell. The timer is a processing-time timer: in BATCH mode all of them fire at the end of input,
 * so a replay folds each case exactly once over all its events.
 */
public final class JourneyFunction extends KeyedProcessFunction<String, CaseEvent, CellContribution> {

    private static final long serialVersionUID = 1L;
    private static final long QUIET_MILLIS = 200;

    public static final OutputTag<GenericRecord> JOURNEYS =
            new OutputTag<>("case_journeys", new GenericRecordAvroTypeInfo(Tables.CASE_JOURNEYS.avroSchema()));
    public static final OutputTag<GenericRecord> TESTIMONIES =
            new OutputTag<>("testimonies", new GenericRecordAvroTypeInfo(Tables.TESTIMONIES.avroSchema()));

    private final LocalDate asOf;
    private final String keyFingerprint;

    private transient ListState<CaseEvent> events;
    private transient ValueState<Boolean> foldPending;
    private transient Schema journeySchema;
    private transient Schema testimonySchema;
    private transient LongCounter eventsRead;
    private transient LongCounter cases;
    private transient LongCounter included;
    private transient LongCounter notYetIdentified;
    private transient LongCounter withoutConsent;
    private transient LongCounter testimonies;

    /**
     * @param asOf           the release's reference date
     * @param keyFingerprint the one key fingerprint the log may carry
     */
    public JourneyFunction(LocalDate asOf, String keyFingerprint) {
        this.asOf = asOf;
        this.keyFingerprint = keyFingerprint;
    }

    @Override
    public void open(OpenContext context) {
        events = getRuntimeContext().getListState(new ListStateDescriptor<>("events", new AvroTypeInfo<>(CaseEvent.class)));
        foldPending = getRuntimeContext().getState(new ValueStateDescriptor<>("fold-pending", Boolean.class));
        journeySchema = Tables.CASE_JOURNEYS.avroSchema();
        testimonySchema = Tables.TESTIMONIES.avroSchema();
        eventsRead = getRuntimeContext().getLongCounter(JobCounters.EVENTS_READ);
        cases = getRuntimeContext().getLongCounter(JobCounters.CASES);
        included = getRuntimeContext().getLongCounter(JobCounters.CASES_INCLUDED);
        notYetIdentified = getRuntimeContext().getLongCounter(JobCounters.CASES_NOT_YET_IDENTIFIED);
        withoutConsent = getRuntimeContext().getLongCounter(JobCounters.CASES_WITHOUT_RESEARCH_CONSENT);
        testimonies = getRuntimeContext().getLongCounter(JobCounters.TESTIMONIES);
    }

    @Override
    public void processElement(CaseEvent event, Context ctx, Collector<CellContribution> out) throws Exception {
        if (!keyFingerprint.equals(event.getKeyFingerprint())) {
            throw new JobException("the event log mixes pseudonymization keys (fingerprints " + keyFingerprint
                    + " and " + event.getKeyFingerprint() + "); pseudonyms made with different keys cannot be joined. "
                    + "Re-ingest every export with one key into a new topic.");
        }
        eventsRead.add(1);
        events.add(event);
        if (foldPending.value() == null) {
            foldPending.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + QUIET_MILLIS);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellContribution> out) throws Exception {
        foldPending.clear();
        List<CaseEvent> all = new ArrayList<>();
        events.get().forEach(all::add);
        CaseJourney journey = CaseJourney.fold(ctx.getCurrentKey(), all, asOf);
        cases.add(1);
        switch (journey.inclusion()) {
            case INCLUDED -> included.add(1);
            case NOT_YET_IDENTIFIED -> notYetIdentified.add(1);
            case NO_RESEARCH_CONSENT -> withoutConsent.add(1);
        }
        for (CellContribution cell : JourneyCells.of(journey, asOf)) {
            out.collect(cell);
        }
        if (journey.included()) {
            ctx.output(JOURNEYS, TableRows.journey(journeySchema, journey));
            for (Testimony testimony : journey.testimonies()) {
                testimonies.add(1);
                ctx.output(TESTIMONIES, TableRows.testimony(testimonySchema, journey, testimony));
            }
        }
    }
}
