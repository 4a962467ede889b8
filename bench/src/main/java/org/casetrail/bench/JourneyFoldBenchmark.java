package org.casetrail.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.casetrail.jobs.journey.CaseJourney;
import org.casetrail.jobs.journey.LogEntry;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.CellSums;
import org.casetrail.jobs.outcomes.JourneyCells;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The journey work of a replay, per case of {@link RealisticCase#EVENTS} events (divide by 22 for
 * per event): the fold alone, the fold and the cells it contributes, the same with every rollup
 * row summed into its cell (what a replay's journey task does once per case), and a refold as
 * {@code JourneyFunction} does it when as_of moves or an event arrives late:
 * the previous fold's cells taken back and the new fold's added.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JourneyFoldBenchmark {

    private static final int RECORD_KEY = 1234;
    private RealisticCase realistic;
    private List<LogEntry> logged;

    @Setup
    public void setUp() {
        realistic = RealisticCase.average();
        logged = LogEntry.inLogOrder(realistic.events);
        running = new CellSums();
    }

    @Benchmark
    public CaseJourney fold() {
        return CaseJourney.fold(realistic.casePseudonym, logged, realistic.asOf);
    }

    @Benchmark
    public List<CellContribution> foldAndCells() {
        return JourneyCells.of(CaseJourney.fold(realistic.casePseudonym, logged, realistic.asOf), realistic.asOf);
    }

    /** What a replay's journey task does per case: fold, cells with every rollup row, each summed into its cell. */
    @Benchmark
    public CellSums foldCellsRollupsAndSums() {
        CellSums sums = new CellSums();
        CaseJourney journey = CaseJourney.fold(realistic.casePseudonym, logged, realistic.asOf);
        for (CellContribution cell : JourneyCells.withRollups(journey, realistic.asOf, RECORD_KEY)) {
            sums.add(cell);
        }
        return sums;
    }

    /** Sums that have met her cells before, as a replay's do after its first women; drained now and then. */
    private CellSums running;

    private int added;

    /** Her cells with every rollup row, into running sums. */
    @Benchmark
    public CellSums foldCellsRollupsIntoRunningSums() {
        CaseJourney journey = CaseJourney.fold(realistic.casePseudonym, logged, realistic.asOf);
        return intoRunningSums(JourneyCells.withRollups(journey, realistic.asOf, RECORD_KEY));
    }

    /** Her cells with the rollup rows the sums derive left to them, as the replay sends them. */
    @Benchmark
    public CellSums foldCellsForSumsIntoRunningSums() {
        CaseJourney journey = CaseJourney.fold(realistic.casePseudonym, logged, realistic.asOf);
        return intoRunningSums(JourneyCells.forSums(journey, realistic.asOf, RECORD_KEY));
    }

    private CellSums intoRunningSums(List<CellContribution> rows) {
        for (CellContribution row : rows) {
            running.add(row);
        }
        if (++added % 4096 == 0) {
            running.drain();
        }
        return running;
    }

    @Benchmark
    public void refold(Blackhole out) {
        CaseJourney previous = CaseJourney.fold(
                realistic.casePseudonym, logged.subList(0, RealisticCase.EVENTS - 1), realistic.asOf.minusDays(1));
        for (CellContribution cell : JourneyCells.of(previous, realistic.asOf.minusDays(1))) {
            out.consume(cell.negated());
        }
        CaseJourney journey = CaseJourney.fold(realistic.casePseudonym, logged, realistic.asOf);
        for (CellContribution cell : JourneyCells.of(journey, realistic.asOf)) {
            out.consume(cell);
        }
    }
}
