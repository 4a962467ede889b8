package org.casetrail.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedPerReadTest {

    private final SharedPerRead<Object> shared = new SharedPerRead<>();

    @Test
    void subtasksOfOneReadOpeningAtOnceGetOneValueMadeOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Callable<Object> open = () -> shared.get("read-1", () -> {
            made.incrementAndGet();
            sleep(50);
            return new Object();
        });
        ExecutorService subtasks = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object>> opened = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opened.add(subtasks.submit(open));
            }
            Object first = opened.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Object> other : opened) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            subtasks.shutdownNow();
        }
        assertThat(made).hasValue(1);
    }

    @Test
    void anotherReadGetsItsOwnValue() {
        Object first = shared.get("read-1", Object::new);
        Object second = shared.get("read-2", Object::new);

        assertThat(second).isNotSameAs(first);
        assertThat(shared.get("read-1", Object::new)).isSameAs(first);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
