package org.casetrail.ingest.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The records of women whose data keys are on their way to the case-keys topic, held until those
 * keys are acknowledged, then let go in the order they came.
 *
 * <p>Records are held in generations of a few thousand. A generation is let go once every key
 * sent while it was the youngest is acknowledged and every older generation has gone, so the
 * writer never stops to wait for the keys topic: it did, at first, every fifty thousand records,
 * and the reading of the export stopped with it (a fifth of a sealed ingest's time). A woman stays
 * held until the youngest generation holding one of her records goes, so her records keep their
 * order even when they straddle generations. Plain Java: the Kafka callbacks only count
 * acknowledgements, from their own thread.
 *
 * @param <R> what is held (a Kafka record, for the writer)
 */
final class RecordsAwaitingKeys<R> {

    private final int generationSize;
    private final int mostHeld;
    private final ArrayDeque<Generation<R>> waiting = new ArrayDeque<>();
    /** For each woman held, the youngest generation that holds one of her records or sent her key. */
    private final Map<String, Generation<R>> youngestHolding = new HashMap<>();

    private Generation<R> open = new Generation<>();
    private int held;

    /** Records sent with their women, and how many keys sent meanwhile are still unacknowledged. */
    static final class Generation<R> {
        private final List<R> records = new ArrayList<>();
        private final List<String> women = new ArrayList<>();
        private final AtomicInteger keysUnacknowledged = new AtomicInteger();

        /** Called once for each key counted by {@link RecordsAwaitingKeys#keySent}, from any thread, acknowledged or failed. */
        void keyAnswered() {
            keysUnacknowledged.decrementAndGet();
        }

        private boolean answered() {
            return keysUnacknowledged.get() == 0;
        }
    }

    RecordsAwaitingKeys(int generationSize, int mostHeld) {
        this.generationSize = generationSize;
        this.mostHeld = mostHeld;
    }

    /** Her key is being sent now: her records are held until its generation goes. */
    Generation<R> keySent(String woman) {
        open.keysUnacknowledged.incrementAndGet();
        claim(woman);
        return open;
    }

    /** Whether her records must wait (her key, or an earlier record of hers, is still held back). */
    boolean holds(String woman) {
        return youngestHolding.containsKey(woman);
    }

    void hold(String woman, R record) {
        open.records.add(record);
        claim(woman);
        held++;
        if (open.records.size() >= generationSize) {
            waiting.add(open);
            open = new Generation<>();
        }
    }

    private void claim(String woman) {
        if (youngestHolding.put(woman, open) != open) {
            open.women.add(woman);
        }
    }

    /** Whether so many records are held that the writer should wait for their keys. */
    boolean full() {
        return held >= mostHeld;
    }

    /**
     * Lets go, oldest first, every generation whose keys are all answered and whose elders went,
     * the one still filling included: a record waits for its key's answer only, not for thousands
     * more records to fill its generation, so that few are still held when the young heap is
     * collected (copying them there was much of what a sealed ingest paid in collections).
     */
    void releaseAnswered(Consumer<R> send) {
        while (!waiting.isEmpty() && waiting.peek().answered()) {
            release(waiting.poll(), send);
        }
        if (waiting.isEmpty() && !open.women.isEmpty() && open.answered()) {
            release(open, send);
            open = new Generation<>();
        }
    }

    /** Lets go of everything, in order; the caller has waited for every key to be answered. */
    void releaseAll(Consumer<R> send) {
        waiting.add(open);
        open = new Generation<>();
        while (!waiting.isEmpty()) {
            release(waiting.poll(), send);
        }
    }

    private void release(Generation<R> generation, Consumer<R> send) {
        for (R record : generation.records) {
            send.accept(record);
        }
        held -= generation.records.size();
        for (String woman : generation.women) {
            youngestHolding.remove(woman, generation);
        }
    }
}
