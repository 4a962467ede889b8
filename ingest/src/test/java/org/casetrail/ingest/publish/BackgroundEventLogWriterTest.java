package org.casetrail.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.event.CareDetails;
import org.casetrail.schemas.event.CareKind;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.RejectReason;
import org.casetrail.schemas.event.RejectedRecord;
import org.junit.jupiter.api.Test;

class BackgroundEventLogWriterTest {

    /** Writes down what reaches it, in order, and on which thread; fails on the event it is told to. */
    private static class RecordingLog implements EventLogWriter {
        final List<String> written = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        String failOn;
        int flushes;
        boolean closed;

        @Override
        public void append(CaseEvent event) {
            if (event.getEventId().equals(failOn)) {
                throw new IngestException("Kafka stopped answering");
            }
            written.add(event.getEventId());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void reject(RejectedRecord reject) {
            written.add("reject@" + reject.getLineNumber());
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static CaseEvent event(int n) {
        return CaseEvent.newBuilder()
                .setEventId("e" + n)
                .setCasePseudonym("c" + (n % 7))
                .setSource("s")
                .setType(EventType.MEDICAL_CARE)
                .setOccurredOn(LocalDate.of(2010, 1, 1))
                .setKeyFingerprint("k")
                .setDetails(new CareDetails(CareKind.GENERAL))
                .build();
    }

    private static RejectedRecord reject(long line) {
        return RejectedRecord.newBuilder()
                .setReason(RejectReason.BAD_DATE)
                .setLineNumber(line)
                .setKeyFingerprint("k")
                .build();
    }

    @Test
    void everyRecordReachesTheLogInTheOrderGivenAndFlushWaitsForThem() {
        RecordingLog target = new RecordingLog();
        List<String> expected = new ArrayList<>();
        try (BackgroundEventLogWriter log = new BackgroundEventLogWriter(target)) {
            // Several batches and a part batch, with rejects between events.
            for (int i = 0; i < 3 * BackgroundEventLogWriter.BATCH + 17; i++) {
                if (i % 100 == 3) {
                    log.reject(reject(i));
                    expected.add("reject@" + i);
                } else {
                    log.append(event(i));
                    expected.add("e" + i);
                }
            }
            log.flush();
            assertThat(target.written).containsExactlyElementsOf(expected);
            assertThat(target.flushes).isEqualTo(1);
            assertThat(target.threads).containsOnly("casetrail-ingest-publisher");
        }
        assertThat(target.closed).isTrue();
    }

    @Test
    void closingWithoutAFlushStillWritesWhatWasAppended() {
        RecordingLog target = new RecordingLog();
        BackgroundEventLogWriter log = new BackgroundEventLogWriter(target);
        for (int i = 0; i < BackgroundEventLogWriter.BATCH + 3; i++) {
            log.append(event(i));
        }
        log.close();
        assertThat(target.written)
                .hasSize(BackgroundEventLogWriter.BATCH + 3)
                .endsWith("e" + (BackgroundEventLogWriter.BATCH + 2));
        assertThat(target.closed).isTrue();
    }

    @Test
    void aFailedWriteStopsTheRunWithItsOwnMessageAndNothingAfterItIsWritten() {
        RecordingLog target = new RecordingLog();
        target.failOn = "e10";
        BackgroundEventLogWriter log = new BackgroundEventLogWriter(target);
        for (int i = 0; i < 20; i++) {
            log.append(event(i));
        }
        assertThatThrownBy(log::flush).isInstanceOf(IngestException.class).hasMessage("Kafka stopped answering");
        assertThat(target.written).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(target.flushes).isZero();
        // A record after the failure is refused when its batch is handed over, not queued behind it.
        assertThatThrownBy(() -> {
                    for (int i = 20; i < 20 + BackgroundEventLogWriter.BATCH; i++) {
                        log.append(event(i));
                    }
                })
                .hasMessage("Kafka stopped answering");
        log.close();
        assertThat(target.written).hasSize(10);
        assertThat(target.closed).isTrue();
    }

    @Test
    void aFailedFlushIsReportedByFlush() {
        RecordingLog target = new RecordingLog() {
            @Override
            public void flush() {
                throw new IngestException("writing to Kafka failed");
            }
        };
        try (BackgroundEventLogWriter log = new BackgroundEventLogWriter(target)) {
            log.append(event(1));
            assertThatThrownBy(log::flush).hasMessage("writing to Kafka failed");
            assertThat(target.written).containsExactly("e1");
        }
    }

    @Test
    void anErrorOnThePublisherThreadBecomesAnIngestFailureInsteadOfAHang() {
        RecordingLog target = new RecordingLog() {
            @Override
            public void append(CaseEvent event) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        try (BackgroundEventLogWriter log = new BackgroundEventLogWriter(target)) {
            log.append(event(1));
            assertThatThrownBy(log::flush)
                    .isInstanceOf(IngestException.class)
                    .hasMessage("writing to the event log failed (OutOfMemoryError)");
        }
        assertThat(target.closed).isTrue();
    }
}
