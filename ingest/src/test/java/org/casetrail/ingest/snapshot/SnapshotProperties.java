package org.casetrail.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SnapshotProperties {

    /** A record of a snapshot: which record, in whose case, with which content and date. */
    record Held(String recordId, String caseId, String kind, String on) {
        InMemorySnapshots.Row row() {
            return InMemorySnapshots.row(InMemorySnapshots.care(caseId, recordId, kind, on));
        }
    }

    /**
     * However a source's state went, snapshot after snapshot (records added, changed, moved to
     * another case, deleted, restored; rows in any order), the records that count in the log are
     * those that a log made from the last snapshot alone holds, and the last snapshot once more
     * writes nothing.
     */
    @Property(tries = 300)
    void theLogStandsAsTheLastSnapshotAloneWouldMakeIt(@ForAll("histories") List<List<Held>> snapshots) {
        InMemorySnapshots log = new InMemorySnapshots();
        for (List<Held> snapshot : snapshots) {
            log.snapshot(rows(snapshot));
        }
        List<Held> last = snapshots.get(snapshots.size() - 1);
        InMemorySnapshots alone = new InMemorySnapshots();
        alone.snapshot(rows(last));

        assertThat(log.standing()).isEqualTo(alone.standing());
        int before = log.log.size();
        SnapshotDifference.Tally again = log.snapshot(rows(last));
        assertThat(log.log).hasSize(before);
        assertThat(again.unchanged()).isEqualTo(last.size());
    }

    private static List<InMemorySnapshots.Row> rows(List<Held> snapshot) {
        return snapshot.stream().map(Held::row).toList();
    }

    @Provide
    Arbitrary<List<List<Held>>> histories() {
        // Few records, cases, kinds and dates, so that changes, moves and returns are common.
        Arbitrary<Held> held = Combinators.combine(
                        Arbitraries.of("R-1", "R-2", "R-3", "R-4", "R-5"),
                        Arbitraries.of("C-1", "C-2"),
                        Arbitraries.of("GENERAL", "MENTAL_HEALTH"),
                        Arbitraries.of("2024-01-01", "2024-02-01"))
                .as(Held::new);
        Arbitrary<List<Held>> snapshot = held.list().ofMaxSize(6).map(SnapshotProperties::oneVersionEach);
        return snapshot.list().ofMinSize(1).ofMaxSize(5);
    }

    /** A snapshot is a state: one version of each record. */
    private static List<Held> oneVersionEach(List<Held> records) {
        Map<String, Held> byId = new LinkedHashMap<>();
        for (Held record : records) {
            byId.put(record.recordId(), record);
        }
        return new ArrayList<>(byId.values());
    }
}
