package org.casetrail.jobs.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.casetrail.jobs.JobException;
import org.casetrail.jobs.journey.CaseHash;
import org.casetrail.jobs.journey.CaseJourney;
import org.casetrail.jobs.journey.LogEntry;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.JourneyCells;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.jobs.release.RowBytes;
import org.casetrail.jobs.release.TableRows;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.casetrail.schemas.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every event of a case (keyed by the {@link CaseHash} of its pseudonym, which in a rare
 * collision two women share: they are folded apart) and folds them into its {@link CaseJourney}:
 * once the case has been quiet for a moment, and again for every case whenever the release's
 * as_of moves (it arrives broadcast from {@link AsOfTracker}). Each fold takes back what the
 * previous fold contributed, by folding the events it had then with the as_of it had then, so
 * late events, voids, new versions of a record and consent changes update every table they
 * touched. Each event keeps its log position, so the latest version of a record wins however
 * Flink delivered them, as it does in a replay.
 *
 * <p>Timers are processing-time timers: in BATCH mode they all fire at the end of input (and the
 * broadcast as_of is read first), so a replay folds each case exactly once.
 */
public final class JourneyFunction
        extends KeyedBroadcastProcessFunction<Long, LoggedEvent, LocalDate, CellContribution> {

    private static final long serialVersionUID = 1L;
    private static final long QUIET_MILLIS = 200;
    private static final String AS_OF_KEY = "as_of";
    private static final String[] NONE = new String[0];
    private static final Logger LOG = LoggerFactory.getLogger(JourneyFunction.class);

    public static final MapStateDescriptor<String, LocalDate> AS_OF =
            new MapStateDescriptor<>("as-of", Types.STRING, Types.LOCAL_DATE);
    public static final OutputTag<TableUpdate> JOURNEYS =
            new OutputTag<>("journeys", TypeInformation.of(TableUpdate.class));

    /** A case's events as the log holds them, with their positions; decoded only when the case folds. */
    private static final ListStateDescriptor<LoggedEvent> EVENTS =
            new ListStateDescriptor<>("events", TypeInformation.of(LoggedEvent.class));

    private final String keyFingerprint;
    private final String perturbationSecretFile;
    private final ConsentBasis consentBasis;

    private transient ListState<LoggedEvent> events;
    private transient CaseEventCodec codec;
    private transient ValueState<Boolean> foldPending;
    private transient ValueState<Integer> foldedEvents;
    private transient ValueState<LocalDate> foldedAsOf;
    private transient Schema journeySchema;
    private transient Schema testimonySchema;
    private transient RowBytes journeyBytes;
    private transient RowBytes testimonyBytes;
    private transient LongCounter eventsRead;
    private transient PerturbationSecret secret;

    /**
     * @param keyFingerprint         the one key fingerprint the log may carry
     * @param perturbationSecretFile the warehouse's perturbation.key, read when the operator opens
     *                               (so the secret never travels inside the job's definition)
     */
    public JourneyFunction(String keyFingerprint, String perturbationSecretFile, ConsentBasis consentBasis) {
        this.keyFingerprint = keyFingerprint;
        this.perturbationSecretFile = perturbationSecretFile;
        this.consentBasis = consentBasis;
    }

    @Override
    public void open(OpenContext context) {
        events = getRuntimeContext().getListState(EVENTS);
        foldPending = getRuntimeContext().getState(new ValueStateDescriptor<>("fold-pending", Types.BOOLEAN));
        foldedEvents = getRuntimeContext().getState(new ValueStateDescriptor<>("folded-events", Types.INT));
        foldedAsOf = getRuntimeContext().getState(new ValueStateDescriptor<>("folded-as-of", Types.LOCAL_DATE));
        journeySchema = Tables.CASE_JOURNEYS.avroSchema();
        testimonySchema = Tables.TESTIMONIES.avroSchema();
        journeyBytes = new RowBytes(journeySchema);
        testimonyBytes = new RowBytes(testimonySchema);
        eventsRead = getRuntimeContext().getLongCounter(JobCounters.EVENTS_READ);
        secret = PerturbationSecret.load(java.nio.file.Path.of(perturbationSecretFile));
        codec = new CaseEventCodec();
    }

    @Override
    public void processElement(LoggedEvent event, ReadOnlyContext ctx, Collector<CellContribution> out)
            throws Exception {
        eventsRead.add(1);
        if (event.isNotice()) {
            switch (event.notice()) {
                case ERASURE -> erase(out, ctx::output);
                case NO_DATA_KEY -> ctx.output(JOURNEYS, TableUpdate.ofUnfolded(NONE, new UnfoldedRecords(0, 0, 1, 0)));
                case TAMPERED -> ctx.output(JOURNEYS, TableUpdate.ofUnfolded(NONE, new UnfoldedRecords(0, 0, 0, 1)));
            }
            return;
        }
        events.add(event);
        scheduleFold(ctx.timerService().currentProcessingTime(), ctx);
    }

    /**
     * Her erasure (docs/erasure.md): takes back what her last fold contributed, drops her journey
     * and every event of hers held, and counts her. In a replay her events can no longer be opened,
     * so there is nothing held; a running stream holds what it read before. Were another woman's
     * events under the same hash (about once in 30 million logs of a million women), they are
     * dropped too, as the events held do not say whose record key they came under; the log says
     * so in a warning.
     */
    private void erase(Collector<CellContribution> out, JourneyOutput side) throws Exception {
        List<LogEntry> held = decoded(events.get());
        Integer before = foldedEvents.value();
        if (before != null) {
            retract(held.subList(0, before), foldedAsOf.value(), out);
        }
        Map<String, List<LogEntry>> cases = CaseHash.byCase(held);
        if (cases.size() > 1) {
            LOG.warn("an erasure met the events of {} cases under one hash; all of them are dropped", cases.size());
        }
        side.output(
                JOURNEYS,
                TableUpdate.ofUnfolded(
                        cases.keySet().toArray(String[]::new), new UnfoldedRecords(1, held.size(), 0, 0)));
        events.clear();
        foldedEvents.clear();
        foldedAsOf.clear();
    }

    private void retract(List<LogEntry> folded, LocalDate asOfBefore, Collector<CellContribution> out) {
        for (Map.Entry<String, List<LogEntry>> woman : CaseHash.byCase(folded).entrySet()) {
            CaseJourney previous = CaseJourney.fold(woman.getKey(), woman.getValue(), asOfBefore, consentBasis);
            for (CellContribution cell : JourneyCells.forSums(previous, asOfBefore, secret.recordKey(woman.getKey()))) {
                out.collect(cell.negated());
            }
        }
    }

    /** A case's events, decoded; refuses a log in which a case's events carry another key's fingerprint. */
    private List<LogEntry> decoded(Iterable<LoggedEvent> stored) {
        List<LogEntry> all = new ArrayList<>();
        for (LoggedEvent logged : stored) {
            CaseEvent event;
            try {
                event = codec.decodeEvent(logged.bytes());
            } catch (CaseEventCodec.UndecodableEventException e) {
                throw new JobException("an event in the log cannot be read (" + e.getMessage()
                        + "); the log is the system of record and a replay never skips over an event");
            }
            if (!keyFingerprint.equals(event.getKeyFingerprint())) {
                throw new JobException("the event log mixes pseudonymization keys (fingerprints " + keyFingerprint
                        + " and " + event.getKeyFingerprint()
                        + "); pseudonyms made with different keys cannot be joined. "
                        + "Re-ingest every export with one key into a new topic.");
            }
            all.add(new LogEntry(logged.position(), event));
        }
        return all;
    }

    private void scheduleFold(long now, ReadOnlyContext ctx) throws Exception {
        if (foldPending.value() == null) {
            foldPending.update(true);
            ctx.timerService().registerProcessingTimeTimer(now + QUIET_MILLIS);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellContribution> out) throws Exception {
        foldPending.clear();
        LocalDate asOf = ctx.getBroadcastState(AS_OF).get(AS_OF_KEY);
        if (asOf == null) {
            // No as_of announced yet (streaming only): this case folds when it is.
            return;
        }
        refold(decoded(events.get()), asOf, out, ctx::output);
    }

    @Override
    public void processBroadcastElement(LocalDate asOf, Context ctx, Collector<CellContribution> out) throws Exception {
        ctx.getBroadcastState(AS_OF).put(AS_OF_KEY, asOf);
        ctx.applyToKeyedState(EVENTS, (hash, state) -> refold(decoded(state.get()), asOf, out, ctx::output));
    }

    private interface JourneyOutput {
        void output(OutputTag<TableUpdate> tag, TableUpdate update);
    }

    /**
     * Takes back the previous fold's contributions, if any, and adds the new fold's, woman by woman
     * among the events of this hash.
     */
    private void refold(List<LogEntry> all, LocalDate asOf, Collector<CellContribution> out, JourneyOutput side)
            throws Exception {
        Integer before = foldedEvents.value();
        LocalDate asOfBefore = foldedAsOf.value();
        if (before != null && before == all.size() && asOf.equals(asOfBefore)) {
            return;
        }
        if (before != null) {
            retract(all.subList(0, before), asOfBefore, out);
        }
        for (Map.Entry<String, List<LogEntry>> woman : CaseHash.byCase(all).entrySet()) {
            CaseJourney journey = CaseJourney.fold(woman.getKey(), woman.getValue(), asOf, consentBasis);
            for (CellContribution cell : JourneyCells.forSums(journey, asOf, secret.recordKey(woman.getKey()))) {
                out.collect(cell);
            }
            side.output(JOURNEYS, journeyUpdate(journey, woman.getValue().size()));
        }
        foldedEvents.update(all.size());
        foldedAsOf.update(asOf);
    }

    /** Her journey's row and testimonies as the release writes them, and how many events it was folded from. */
    private TableUpdate journeyUpdate(CaseJourney journey, int events) {
        byte[] row = null;
        byte[][] testimonies = new byte[0][];
        if (journey.included()) {
            row = journeyBytes.encode(TableRows.journey(journeySchema, journey));
            testimonies = journey.testimonies().stream()
                    .map(t -> testimonyBytes.encode(TableRows.testimony(testimonySchema, journey, t)))
                    .toArray(byte[][]::new);
        }
        return TableUpdate.ofJourney(
                journey.casePseudonym(), journey.inclusion().name(), row, testimonies, events);
    }
}
