package org.casetrail.bench.throughput;

import java.util.List;

/**
 * How a {@link PlainFlink} job brings each case's records together before it counts them. The
 * events topic is keyed by case, so one Kafka partition, and so one Flink source split, holds
 * every record of the cases it holds: all but {@link #KEYED_SORT} rely on that to group without
 * Flink's keyed network shuffle.
 */
enum FlinkGrouping {
    /** Not at all: each record is counted where it is read, and a "case" is a record. */
    NONE(
            "plain flink, read",
            "flink-read",
            "the events topic read and counted by a Flink BATCH job on a local Flink set up as the"
                    + " replay's, nothing decoded or grouped: what Flink costs before any logic"),
    /** keyBy the case hash in BATCH mode: a keyed network shuffle, then Flink's sort of each subtask's input. */
    KEYED_SORT(
            "plain flink, grouped",
            "flink-grouped",
            "the same, each record keyed by its case through Flink's keyed sort and counted per case:"
                    + " the least the replay's Flink job does, so the ceiling of the replay's rate"),
    /** A hash map of counts by case in an operator chained to the source, emitted at the end of input (BATCH). */
    PER_SPLIT(
            "plain flink, per split",
            "flink-per-split",
            "the same counts per case, with no shuffle: a map of counts by case in an operator chained"
                    + " to the source, emitted at the end of its input (BATCH)"),
    /** DataStreamUtils.reinterpretAsKeyedStream, then the keyed count of {@link #KEYED_SORT} (BATCH). */
    REINTERPRETED(
            "plain flink, reinterpreted",
            "flink-reinterpreted",
            "the source reinterpreted as keyed by case (no shuffle), then the grouped step's keyed"
                    + " count, which BATCH mode still sorts"),
    /** STREAMING mode: keyBy, a count in heap keyed state, emitted by an event-time timer at the end of input. */
    STREAMING_KEYED(
            "plain flink, streaming keyed",
            "flink-streaming-keyed",
            "keyBy case in STREAMING mode (a pipelined shuffle, no sort): a count in heap keyed state,"
                    + " emitted per case when the end of input fires its timer"),
    /** fullWindowPartition().sortPartition by case within each subtask (no shuffle), then counted run by run (BATCH). */
    SORT_PARTITION(
            "plain flink, sort partition",
            "flink-sort-partition",
            "each subtask's input sorted by case with fullWindowPartition().sortPartition (no shuffle),"
                    + " then counted case by case as the sorted runs go past (BATCH)");

    private final String step;
    private final String client;
    private final String measures;

    FlinkGrouping(String step, String client, String measures) {
        this.step = step;
        this.client = client;
        this.measures = measures;
    }

    /** Its step in the bench's table. */
    String step() {
        return step;
    }

    /** Its {@link PlainClient} command, which also names its class-data archive. */
    String client() {
        return client;
    }

    String measures() {
        return measures;
    }

    /** Whether it groups by case at all: every one but {@link #NONE} must count the cases {@link #KEYED_SORT} counts. */
    boolean groups() {
        return this != NONE;
    }

    /** The groupings beyond the two the bench always runs: {@code bench/run --ceilings}. */
    static List<FlinkGrouping> ceilings() {
        return List.of(PER_SPLIT, REINTERPRETED, STREAMING_KEYED, SORT_PARTITION);
    }

    static FlinkGrouping ofClient(String client) {
        for (FlinkGrouping g : values()) {
            if (g.client.equals(client)) {
                return g;
            }
        }
        return null;
    }
}
