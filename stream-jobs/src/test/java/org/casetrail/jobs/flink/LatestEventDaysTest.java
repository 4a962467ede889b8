package org.casetrail.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** What a source subtask sends to as_of: each date later than all it sent before, and nothing else. */
class LatestEventDaysTest {

    /** An event has bytes: without, one dated before 1970 would read as a notice ({@link LoggedEvent#isNotice}). */
    private static LoggedEvent on(int day) {
        return new LoggedEvent(1L, day, 0L, new byte[] {1});
    }

    @Test
    void aNoticeHasNoDateToPassOn() {
        LatestEventDays days = new LatestEventDays();
        List<Integer> sent = new ArrayList<>();
        days.flatMap(LoggedEvent.notice(1L, 0L, LogNotice.ERASURE), into(sent));

        assertThat(sent).isEmpty();
    }

    private static Collector<Integer> into(List<Integer> sent) {
        return new Collector<>() {
            @Override
            public void collect(Integer day) {
                sent.add(day);
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void onlyANewLatestDateIsPassedOn() {
        LatestEventDays days = new LatestEventDays();
        List<Integer> sent = new ArrayList<>();
        Collector<Integer> out = into(sent);

        for (int day : new int[] {14_000, 13_999, 14_000, 14_002, 14_001, 14_002, -3_000, 14_010}) {
            days.flatMap(on(day), out);
        }

        assertThat(sent).containsExactly(14_000, 14_002, 14_010);
    }

    @Test
    void aDateBefore1970IsADateToo() {
        LatestEventDays days = new LatestEventDays();
        List<Integer> sent = new ArrayList<>();
        days.flatMap(on(-400), into(sent));

        assertThat(sent).containsExactly(-400);
    }
}
