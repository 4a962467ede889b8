package org.casetrail.ingest.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.RejectedRecord;

/**
 * Hands what it is given to another writer on a thread of its own, in the order given, so that
 * the Avro encoding and the Kafka send of one record overlap the parsing and pseudonymizing of
 * the next: on one thread, ingest's critical path would be all of its work while a second core
 * waited (bench/PROFILE.md, phase 3). Records travel in batches through a short bounded queue, so
 * memory stays a few thousand records whatever the export's size.
 */
public final class BackgroundEventLogWriter implements EventLogWriter {

    static final int BATCH = 512;
    private static final int BATCHES_IN_FLIGHT = 8;

    /** What the thread is told besides records. */
    private record Flush(CountDownLatch done) {}

    private static final Object STOP = new Object();

    private final EventLogWriter target;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    private final Thread thread;
    private volatile RuntimeException failure;
    private List<Object> batch = new ArrayList<>(BATCH);
    private boolean closed;

    public BackgroundEventLogWriter(EventLogWriter target) {
        this.target = target;
        this.thread = new Thread(this::publish, "casetrail-ingest-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void append(CaseEvent event) {
        add(event);
    }

    @Override
    public void reject(RejectedRecord reject) {
        add(reject);
    }

    private void add(Object record) {
        batch.add(record);
        if (batch.size() == BATCH) {
            handOver();
        }
    }

    private void handOver() {
        failIfFailed();
        if (!batch.isEmpty()) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    @Override
    public void flush() {
        handOver();
        CountDownLatch done = new CountDownLatch(1);
        put(new Flush(done));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while waiting for the event log");
        }
        failIfFailed();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // What was appended reaches the log, as the producer's own close would send it, unless writing already
            // failed.
            if (failure == null && !batch.isEmpty()) {
                put(batch);
            }
            put(STOP);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            target.close();
        }
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while handing records to the event log");
        }
    }

    private void failIfFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    private void publish() {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                return;
            }
            if (item instanceof Flush flush) {
                if (failure == null) {
                    try {
                        target.flush();
                    } catch (RuntimeException | Error e) {
                        failure = asFailure(e);
                    }
                }
                flush.done().countDown();
                continue;
            }
            if (failure != null) {
                continue; // the main thread throws the first failure; what follows it is not written
            }
            try {
                for (Object record : (List<?>) item) {
                    if (record instanceof CaseEvent event) {
                        target.append(event);
                    } else {
                        target.reject((RejectedRecord) record);
                    }
                }
            } catch (RuntimeException | Error e) {
                failure = asFailure(e);
            }
        }
    }

    /**
     * What the main thread throws for a failure here. An Error is caught too, so that this thread
     * goes on draining the queue and the main thread never waits on it forever.
     */
    private static RuntimeException asFailure(Throwable e) {
        return e instanceof RuntimeException runtime
                ? runtime
                : new IngestException(
                        "writing to the event log failed (" + e.getClass().getSimpleName() + ")", e);
    }
}
