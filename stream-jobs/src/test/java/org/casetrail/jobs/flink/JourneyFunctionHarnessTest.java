package org.casetrail.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.casetrail.jobs.JobException;
import org.casetrail.jobs.journey.Events;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.release.ConsentBasis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyed journey operator with Flink's harness: timers, late events and a moving as_of. */
class JourneyFunctionHarnessTest {

    private final Events e = new Events("case-1");

    /** The next position in the test's log: events are appended in the order a test sends them. */
    private long end;

    private StreamRecord<LoggedEvent> appended(CaseEvent event) {
        return new StreamRecord<>(LoggedEvent.of(event, end++));
    }

    @TempDir
    java.nio.file.Path warehouse;

    private KeyedBroadcastOperatorTestHarness<Long, LoggedEvent, java.time.LocalDate, CellContribution> harness()
            throws Exception {
        return harness(LoggedEvent::caseHash);
    }

    /** @param caseHash what the events are keyed by: the job's {@link LoggedEvent#caseHash}, or one that makes hashes collide */
    private KeyedBroadcastOperatorTestHarness<Long, LoggedEvent, java.time.LocalDate, CellContribution> harness(
            KeySelector<LoggedEvent, Long> caseHash) throws Exception {
        PerturbationSecret.openOrCreate(warehouse);
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new JourneyFunction(
                        Events.FINGERPRINT,
                        warehouse.resolve(PerturbationSecret.FILE_NAME).toString(),
                        ConsentBasis.UNLESS_WITHDRAWN),
                caseHash,
                Types.LONG,
                JourneyFunction.AS_OF);
    }

    /** Net contribution per cell after every retraction: what the downstream sums will hold. */
    private static Map<String, Long> net(
            KeyedBroadcastOperatorTestHarness<Long, LoggedEvent, java.time.LocalDate, CellContribution> h) {
        Map<String, Long> cases = new TreeMap<>();
        for (CellContribution c : h.extractOutputValues()) {
            cases.merge(c.cellId().replace('\u001f', '/'), c.cases(), Long::sum);
        }
        cases.values().removeIf(v -> v == 0);
        return cases;
    }

    @Test
    void foldsOnceTheCaseIsQuietNotOnEveryEvent() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("id", "2010-03-01")));
            h.processElement(appended(e.admitted("in", "2010-03-02", "TOM_DY")));
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1000);
            assertThat(net(h))
                    .containsEntry("referral_sources/2010/POLICE_OPERATION/SEXUAL/ADULT", 1L)
                    .containsKey("cohort_outcomes/2010/TOM_DY/AGE_18_24/SEXUAL");
            assertThat(h.getSideOutput(JourneyFunction.JOURNEYS)).hasSize(1);
        }
    }

    @Test
    void aLateEarlierIdentificationMovesTheCaseToItsYear() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("later", "2011-02-01")));
            h.setProcessingTime(1000);
            assertThat(net(h)).containsKey("referral_sources/2011/POLICE_OPERATION/SEXUAL/ADULT");

            h.processElement(appended(e.identified("earlier", "2010-06-01")));
            h.setProcessingTime(2000);
            assertThat(net(h))
                    .containsEntry("referral_sources/2010/POLICE_OPERATION/SEXUAL/ADULT", 1L)
                    .doesNotContainKey("referral_sources/2011/POLICE_OPERATION/SEXUAL/ADULT");
        }
    }

    @Test
    void aVoidArrivingLaterTakesItsEventOutOfEveryTable() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("id", "2010-03-01")));
            h.processElement(appended(e.reintegrated("r", "2010-06-01")));
            h.setProcessingTime(1000);
            assertThat(net(h)).containsKey("followup_status/2010/12/NO_FOLLOW_UP");
            h.processElement(appended(e.voids("v", "2010-07-01", "r")));
            h.setProcessingTime(2000);
            assertThat(net(h).keySet()).noneMatch(k -> k.startsWith("followup_status"));
        }
    }

    @Test
    void aCorrectionArrivingAfterItsFirstVersionWasCountedReplacesItInEveryTable() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("id", "2010-03-01")));
            h.processElement(appended(e.training("enrol", EventType.TRAINING_ENROLLED, "2010-04-01", Course.SEWING)));
            h.setProcessingTime(1000);
            assertThat(net(h)).containsEntry("training_outcomes/2010/SEWING", 1L);

            CaseEvent weaving = e.training("enrol", EventType.TRAINING_ENROLLED, "2010-04-01", Course.WEAVING);
            weaving.setRecordedAt(Instant.parse("2010-05-02T08:00:00Z"));
            h.processElement(appended(weaving));
            h.setProcessingTime(2000);
            assertThat(net(h))
                    .containsEntry("training_outcomes/2010/WEAVING", 1L)
                    .doesNotContainKey("training_outcomes/2010/SEWING")
                    .containsEntry("cohort_outcomes/2010/TOM_DY/AGE_18_24/SEXUAL", 1L);
            assertThat(h.getSideOutput(JourneyFunction.JOURNEYS))
                    .extracting(r -> r.getValue().eventsSeen)
                    .containsExactly(2L, 3L);
        }
    }

    /** Flink may hand the job an older version after a newer one: the log position, not arrival, decides. */
    @Test
    void anOlderVersionDeliveredAfterTheLatestChangesNothing() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(LoggedEvent.of(e.identified("id", "2010-03-01"), 0)));
            h.processElement(new StreamRecord<>(
                    LoggedEvent.of(e.training("enrol", EventType.TRAINING_ENROLLED, "2010-04-01", Course.WEAVING), 7)));
            h.setProcessingTime(1000);
            Map<String, Long> latestFirst = net(h);
            assertThat(latestFirst).containsEntry("training_outcomes/2010/WEAVING", 1L);

            h.processElement(new StreamRecord<>(
                    LoggedEvent.of(e.training("enrol", EventType.TRAINING_ENROLLED, "2010-04-01", Course.SEWING), 3)));
            h.setProcessingTime(2000);
            assertThat(net(h)).isEqualTo(latestFirst).doesNotContainKey("training_outcomes/2010/SEWING");
        }
    }

    @Test
    void aMovingAsOfTurnsPendingWindowsIntoOutcomesForEveryCase() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(Events.day("2010-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("id", "2010-01-01")));
            h.processElement(appended(e.reintegrated("r", "2010-02-01")));
            h.processElement(appended(e.followUp("f", "2010-12-01", FollowUpStatus.STABLE)));
            h.setProcessingTime(1000);
            assertThat(net(h)).containsKey("followup_status/2010/12/PENDING");

            h.processBroadcastElement(Events.day("2011-06-01"), 1000);
            assertThat(net(h))
                    .containsEntry("followup_status/2010/12/STABLE", 1L)
                    .doesNotContainKey("followup_status/2010/12/PENDING");
        }
    }

    @Test
    void withoutAnAsOfYetNothingIsFoldedAndItsArrivalFoldsEveryCase() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("id", "2010-01-01")));
            h.processElement(appended(new Events("case-2").identified("id2", "2010-01-05")));
            h.setProcessingTime(1000);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processBroadcastElement(Events.day("2010-12-31"), 1000);
            assertThat(net(h)).containsEntry("referral_sources/2010/POLICE_OPERATION/SEXUAL/ADULT", 2L);
        }
    }

    @Test
    void anEventPseudonymizedWithAnotherKeyStopsTheJob() throws Exception {
        try (var h = harness()) {
            CaseEvent foreign = e.identified("id", "2010-01-01");
            foreign.setKeyFingerprint("ffffffffffffffff");
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(foreign));
            // Events travel as log bytes; the case's events are checked when it folds.
            assertThatThrownBy(() -> h.setProcessingTime(1000))
                    .hasStackTraceContaining(JobException.class.getName())
                    .hasStackTraceContaining("mixes pseudonymization keys")
                    .hasStackTraceContaining("ffffffffffffffff");
        }
    }

    /**
     * Two women whose pseudonyms share a hash arrive under one key: each is folded as herself,
     * with her own identification, her own journey row and her own events, and a later event of
     * one changes only her cells.
     */
    @Test
    void twoWomenSharingAHashAreFoldedApart() throws Exception {
        Events other = new Events("case-2");
        try (var h = harness(event -> 42L)) {
            h.processBroadcastElement(Events.day("2012-12-31"), 0);
            h.setProcessingTime(0);
            h.processElement(appended(e.identified("id", "2010-03-01")));
            h.processElement(appended(other.identified("id2", "2011-05-01")));
            h.processElement(appended(other.reintegrated("r2", "2011-07-01")));
            h.setProcessingTime(1000);
            assertThat(net(h))
                    .containsEntry("referral_sources/2010/POLICE_OPERATION/SEXUAL/ADULT", 1L)
                    .containsEntry("referral_sources/2011/POLICE_OPERATION/SEXUAL/ADULT", 1L)
                    .containsEntry("followup_status/2011/12/NO_FOLLOW_UP", 1L)
                    .containsEntry("followup_status/2011/24/PENDING", 1L);
            assertThat(net(h).keySet()).noneMatch(k -> k.startsWith("followup_status/2010"));
            assertThat(h.getSideOutput(JourneyFunction.JOURNEYS))
                    .extracting(r -> r.getValue().casePseudonym + "/" + r.getValue().eventsSeen)
                    .containsExactlyInAnyOrder("case-1/1", "case-2/2");

            h.processElement(appended(e.reintegrated("r", "2010-06-01")));
            h.setProcessingTime(2000);
            assertThat(net(h))
                    .containsEntry("followup_status/2010/12/NO_FOLLOW_UP", 1L)
                    .containsEntry("followup_status/2011/12/NO_FOLLOW_UP", 1L)
                    .containsEntry("followup_status/2011/24/PENDING", 1L)
                    .containsEntry("referral_sources/2010/POLICE_OPERATION/SEXUAL/ADULT", 1L)
                    .containsEntry("referral_sources/2011/POLICE_OPERATION/SEXUAL/ADULT", 1L);
        }
    }
}
