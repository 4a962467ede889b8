package org.casetrail.jobs.kafka;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One value per read of the log in a JVM, made by the first source subtask that asks and shared
 * with the others there: a job's subtasks on one TaskManager (or in one local Flink) carry the
 * same read id in their deserializer. Held weakly, so a value goes once its subtasks have.
 */
final class SharedPerRead<T> {

    private final Map<String, WeakReference<T>> byRead = new HashMap<>();

    /**
     * The value of this read, made now if it has none (the other subtasks wait for it: they would
     * only make the same).
     */
    synchronized T get(String readId, Supplier<T> make) {
        WeakReference<T> held = byRead.get(readId);
        T value = held == null ? null : held.get();
        if (value == null) {
            value = make.get();
            byRead.values().removeIf(ref -> ref.get() == null);
            byRead.put(readId, new WeakReference<>(value));
        }
        return value;
    }
}
