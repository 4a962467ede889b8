package org.casetrail.jobs.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseHashTest {

    /**
     * The hash is a fixed function, not a seeded one, so every JVM of a job (and every TaskManager
     * of a cluster) sends a woman's events to the same place. Pinned: a change of these values
     * changes the key of every case in a checkpoint.
     */
    @Test
    void aPseudonymHashesToTheSameValueEverywhere() {
        assertThat(CaseHash.of("fedcba9876543210fedcba9876543210")).isEqualTo(0x76d43b33f974e325L);
        assertThat(CaseHash.of("")).isEqualTo(0x9ca066f1a4ab2eeaL);
    }

    @Test
    void pseudonymsDifferingInOneCharacterGetDistinctHashes() {
        Set<Long> hashes = new HashSet<>();
        String base = "0123456789abcdef0123456789abcdef";
        for (int i = 0; i < base.length(); i++) {
            for (char c : "0123456789abcdef".toCharArray()) {
                hashes.add(CaseHash.of(base.substring(0, i) + c + base.substring(i + 1)));
            }
        }
        // 32 positions x 15 other digits, plus the base itself
        assertThat(hashes).hasSize(32 * 15 + 1);
    }

    @Test
    void eventsOfOneCaseStayOneListAsTheyCame() {
        Events a = new Events("case-a");
        List<LogEntry> entries =
                LogEntry.inLogOrder(List.of(a.identified("1", "2010-01-01"), a.admitted("2", "2010-01-02", "TOM_DY")));

        assertThat(CaseHash.byCase(entries)).containsOnlyKeys("case-a");
        assertThat(CaseHash.byCase(entries).get("case-a")).containsExactlyElementsOf(entries);
        assertThat(CaseHash.byCase(List.of())).isEmpty();
    }

    @Test
    void eventsOfTwoCasesSharingAHashSplitByCaseInOrderOfFirstAppearance() {
        Events a = new Events("case-a");
        Events b = new Events("case-b");
        LogEntry b1 = new LogEntry(0, b.identified("b1", "2011-01-01"));
        LogEntry a1 = new LogEntry(0, a.identified("a1", "2010-01-01"));
        LogEntry b2 = new LogEntry(1, b.admitted("b2", "2011-01-02", "TOM_DY"));
        LogEntry a2 = new LogEntry(1, a.admitted("a2", "2010-01-02", "TOM_DY"));

        var cases = CaseHash.byCase(List.of(b1, a1, b2, a2));

        assertThat(cases.keySet()).containsExactly("case-b", "case-a");
        assertThat(cases.get("case-b")).containsExactly(b1, b2);
        assertThat(cases.get("case-a")).containsExactly(a1, a2);
    }
}
