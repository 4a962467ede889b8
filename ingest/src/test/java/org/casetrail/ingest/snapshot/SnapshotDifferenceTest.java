package org.casetrail.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casetrail.ingest.snapshot.InMemorySnapshots.care;
import static org.casetrail.ingest.snapshot.InMemorySnapshots.closed;
import static org.casetrail.ingest.snapshot.InMemorySnapshots.datedBySnapshot;
import static org.casetrail.ingest.snapshot.InMemorySnapshots.row;
import static org.casetrail.ingest.snapshot.InMemorySnapshots.voidOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.ClosureDetails;
import org.casetrail.schemas.event.ClosureReason;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.VoidDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDifferenceTest {

    private final InMemorySnapshots log = new InMemorySnapshots();

    private static final List<InMemorySnapshots.Row> FIRST = List.of(
            row(care("C-1", "R-1", "GENERAL", "2024-01-10")),
            row(care("C-1", "R-2", "MENTAL_HEALTH", "2024-01-20")),
            row(care("C-2", "R-3", "GENERAL", "2024-02-01")));

    @Test
    void aFirstSnapshotWritesEveryRecordAsNew() {
        assertThat(log.snapshot(FIRST)).isEqualTo(new SnapshotDifference.Tally(3, 0, 0, 0, 0));
        assertThat(log.log).hasSize(3);
    }

    @Test
    void theSameSnapshotAgainReSortedWritesNothing() {
        log.snapshot(FIRST);
        assertThat(log.snapshot(List.of(FIRST.get(2), FIRST.get(0), FIRST.get(1))))
                .isEqualTo(new SnapshotDifference.Tally(0, 0, 3, 0, 0));
        assertThat(log.log).hasSize(3);
    }

    @Test
    void aChangedRecordIsWrittenAsANewVersionAndTheOthersAreNot() {
        log.snapshot(FIRST);
        List<InMemorySnapshots.Row> second = List.of(
                FIRST.get(0),
                row(care("C-1", "R-2", "SEXUAL_AND_REPRODUCTIVE", "2024-01-20")),
                row(care("C-2", "R-3", "GENERAL", "2024-02-02")));

        assertThat(log.snapshot(second)).isEqualTo(new SnapshotDifference.Tally(0, 2, 1, 0, 0));
        assertThat(log.log).hasSize(5);
        assertThat(log.log.subList(3, 5))
                .extracting(e -> e.getDetails().toString(), e -> e.getOccurredOn())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "{\"kind\": \"SEXUAL_AND_REPRODUCTIVE\"}", LocalDate.parse("2024-01-20")),
                        org.assertj.core.groups.Tuple.tuple("{\"kind\": \"GENERAL\"}", LocalDate.parse("2024-02-02")));
    }

    @Test
    void aRecordGoneFromTheSnapshotIsVoidedUnderItsCaseByTheSameVoidOnEveryRun() {
        log.snapshot(FIRST);
        CaseEvent gone = log.log.get(1);

        assertThat(log.snapshot(List.of(FIRST.get(0), FIRST.get(2))))
                .isEqualTo(new SnapshotDifference.Tally(0, 0, 2, 1, 0));
        CaseEvent voided = log.log.get(3);
        assertThat(voided.getType()).isEqualTo(EventType.EVENT_VOIDED);
        assertThat(voided.getCasePseudonym()).isEqualTo(gone.getCasePseudonym());
        assertThat(voided.getSource()).isEqualTo(gone.getSource());
        assertThat(((VoidDetails) voided.getDetails()).getVoidedEventId()).isEqualTo(gone.getEventId());
        assertThat(voided.getOccurredOn())
                .as("a deletion keeps the date of what it deletes")
                .isEqualTo(gone.getOccurredOn());
        assertThat(voided.getKeyFingerprint()).isEqualTo(InMemorySnapshots.KEY.fingerprint());
        assertThat(voided.getEventId())
                .isEqualTo(new Pseudonymizer(InMemorySnapshots.KEY).snapshotVoidId("cms", gone.getEventId()))
                .isNotEqualTo(gone.getEventId());
        assertThat(log.standing()).hasSize(2);

        assertThat(log.snapshot(List.of(FIRST.get(0), FIRST.get(2))))
                .as("gone once, voided once")
                .isEqualTo(new SnapshotDifference.Tally(0, 0, 2, 0, 0));

        // Restored in the case-management system and voided again: the same void, which voids again.
        log.snapshot(FIRST);
        log.snapshot(List.of(FIRST.get(0), FIRST.get(2)));
        assertThat(log.log.get(log.log.size() - 1)).isEqualTo(voided);
        assertThat(log.standing()).hasSize(2);
    }

    @Test
    void aRecordBackInTheSnapshotAfterItsVoidIsNewAgain() {
        log.snapshot(FIRST);
        log.snapshot(List.of(FIRST.get(0)));
        assertThat(log.standing()).hasSize(1);

        assertThat(log.snapshot(FIRST)).isEqualTo(new SnapshotDifference.Tally(2, 0, 1, 0, 0));
        assertThat(log.standing()).hasSize(3);
    }

    @Test
    void aRecordVoidedByTheSourceItselfIsNotVoidedAgain() {
        log.ingest(FIRST.get(0).json(), FIRST.get(1).json(), voidOf("C-1", "V-1", "R-2"));

        assertThat(log.snapshot(List.of(FIRST.get(0)))).isEqualTo(new SnapshotDifference.Tally(0, 0, 1, 0, 0));
        assertThat(log.log).hasSize(3);
    }

    @Test
    void aVoidInAContractSnapshotTakesItsRecordOutOfTheSnapshotWhereverItStands(@TempDir Path dir) throws Exception {
        log.snapshot(FIRST);
        List<InMemorySnapshots.Row> withVoid =
                List.of(FIRST.get(0), FIRST.get(1), FIRST.get(2), row(voidOf("C-1", "V-1", "R-2")));
        Path export = dir.resolve("export.jsonl");
        Files.write(export, withVoid.stream().map(InMemorySnapshots.Row::json).toList());
        SnapshotScope scope = SnapshotScope.ofContractExports(
                List.of(export), new RecordTranslator(new Pseudonymizer(InMemorySnapshots.KEY)));

        assertThat(log.snapshot(scope, withVoid)).isEqualTo(new SnapshotDifference.Tally(0, 0, 2, 1, 0));
        assertThat(log.log.get(3).getType()).isEqualTo(EventType.EVENT_VOIDED);
        assertThat(log.log).hasSize(4);
        assertThat(log.snapshot(scope, withVoid))
                .as("the record is deleted, and nothing brings it back")
                .isEqualTo(new SnapshotDifference.Tally(0, 0, 2, 0, 0));
    }

    @Test
    void aContractExportsScopeIsItsSourcesAndTheRecordsItsVoidsName(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export.jsonl");
        Files.write(
                export,
                List.of(
                        FIRST.get(0).json(),
                        voidOf("C-1", "V-1", "R-2"),
                        care("C-9", "R-9", "GENERAL", "2024-01-01").replace("\"cms\"", "\"other-cms\""),
                        "{not json"));

        SnapshotScope scope = SnapshotScope.ofContractExports(
                List.of(export), new RecordTranslator(new Pseudonymizer(InMemorySnapshots.KEY)));

        assertThat(scope.sources()).containsExactly("cms", "other-cms");
        assertThat(scope.voided())
                .containsExactly(
                        RecordKey.of(log.pseudonyms.casePseudonym("cms", "C-1"), log.pseudonyms.eventId("cms", "R-2")));
    }

    @Test
    void aRecordMovedToAnotherCaseIsNewThereAndVoidedInItsFormerCase() {
        log.snapshot(FIRST);
        List<InMemorySnapshots.Row> moved =
                List.of(FIRST.get(0), row(care("C-2", "R-2", "MENTAL_HEALTH", "2024-01-20")), FIRST.get(2));

        assertThat(log.snapshot(moved)).isEqualTo(new SnapshotDifference.Tally(1, 0, 2, 1, 0));
        CaseEvent voided = log.log.get(log.log.size() - 1);
        assertThat(voided.getCasePseudonym()).isEqualTo(log.log.get(1).getCasePseudonym());
        assertThat(log.log.get(3).getCasePseudonym()).isEqualTo(log.log.get(2).getCasePseudonym());
    }

    @Test
    void aStatusDatedBySnapshotIsWrittenOnceAndKeepsItsDateWhenItChangesOtherwise() {
        assertThat(log.snapshot(List.of(datedBySnapshot(closed("C-1", "GOALS_MET", "2024-03-31")))))
                .isEqualTo(new SnapshotDifference.Tally(1, 0, 0, 0, 0));
        assertThat(log.log.get(0).getSubject().getAgeBand())
                .as("17 on the first snapshot's day")
                .isEqualTo(AgeBand.AGE_15_17);

        assertThat(log.snapshot(List.of(datedBySnapshot(closed("C-1", "GOALS_MET", "2024-06-30")))))
                .as("a later snapshot, the same status: her 18th birthday in between changes nothing")
                .isEqualTo(new SnapshotDifference.Tally(0, 0, 1, 0, 0));
        assertThat(log.log).hasSize(1);

        assertThat(log.snapshot(List.of(datedBySnapshot(closed("C-1", "MOVED_AWAY", "2024-09-30")))))
                .isEqualTo(new SnapshotDifference.Tally(0, 1, 0, 0, 0));
        CaseEvent corrected = log.log.get(1);
        assertThat(((ClosureDetails) corrected.getDetails()).getReason()).isEqualTo(ClosureReason.MOVED_AWAY);
        assertThat(corrected.getOccurredOn()).hasToString("2024-03-31");
        assertThat(corrected.getSubject().getAgeBand()).isEqualTo(AgeBand.AGE_15_17);
        assertThat(corrected.getSubject().getMinor()).isTrue();
    }

    @Test
    void aRecordWithARealDateIsComparedWithItsDate() {
        log.snapshot(List.of(row(closed("C-1", "GOALS_MET", "2024-03-31"))));
        assertThat(log.snapshot(List.of(row(closed("C-1", "GOALS_MET", "2024-04-01")))))
                .isEqualTo(new SnapshotDifference.Tally(0, 1, 0, 0, 0));
        assertThat(log.log.get(1).getOccurredOn()).hasToString("2024-04-01");
    }

    @Test
    void aRejectedRowLeavesItsRecordAsLogged() {
        log.snapshot(FIRST);
        List<InMemorySnapshots.Row> typo =
                List.of(FIRST.get(0), row(care("C-1", "R-2", "PSYCHIATRIC", "2024-01-20")), FIRST.get(2));

        assertThat(log.snapshot(typo)).isEqualTo(new SnapshotDifference.Tally(0, 0, 2, 0, 1));
        assertThat(log.log).hasSize(3);
    }

    @Test
    void recordsOfOtherSourcesAreNeitherComparedNorVoided() {
        log.ingest(care("C-1", "R-1", "GENERAL", "2024-01-10").replace("\"cms\"", "\"other-cms\""));

        assertThat(log.snapshot(FIRST)).isEqualTo(new SnapshotDifference.Tally(3, 0, 0, 0, 0));
        assertThat(log.snapshot(List.of())).isEqualTo(new SnapshotDifference.Tally(0, 0, 0, 3, 0));
        assertThat(log.log).hasSize(7);
        assertThat(log.log.get(0).getType()).isEqualTo(EventType.MEDICAL_CARE);
    }

    @Test
    void aLogOfTheSourceMadeWithAnotherKeyIsRefused() {
        InMemorySnapshots other = new InMemorySnapshots();
        PseudonymKey otherKey = PseudonymKey.of(new byte[32]);
        CaseEvent foreign = ((Translation.Accepted) new RecordTranslator(new Pseudonymizer(otherKey))
                        .translate(InMemorySnapshots.record(FIRST.get(0).json())))
                .event();
        other.log.add(foreign);

        assertThatThrownBy(() -> other.snapshot(FIRST))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("another pseudonymization key")
                .hasMessageContaining(otherKey.fingerprint())
                .hasMessageContaining(InMemorySnapshots.KEY.fingerprint());
    }
}
