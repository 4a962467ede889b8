package org.casetrail.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.casetrail.ingest.IngestException;
import org.casetrail.schemas.sealing.CaseDataKey;
import org.junit.jupiter.api.Test;

class CaseKeyRingTest {

    private static final String SOKHA = "0123456789abcdef0123456789abcdef";
    private static final String DARA = "fedcba9876543210fedcba9876543210";

    @Test
    void aKeyReadFromTheTopicIsFoundByItsOwnersPseudonymAndByItsRecordKey() {
        CaseKeyRing written = new CaseKeyRing();
        CaseDataKey key = written.create(SOKHA);
        CaseKeyRing ring = new CaseKeyRing();
        ring.read(key.recordKey(), written.recordOf(SOKHA, key));

        assertThat(ring.keyOf(SOKHA)).contains(key);
        assertThat(ring.forRecordKey(key.recordKey())).contains(key);
        assertThat(ring.keyOf(DARA)).isEmpty();
        assertThat(ring.cases()).isEqualTo(1);
    }

    @Test
    void aTombstoneDestroysTheKeyForBothLookupsAndLeavesOtherCasesAlone() {
        CaseKeyRing ring = new CaseKeyRing();
        CaseDataKey hers = ring.create(SOKHA);
        CaseDataKey other = ring.create(DARA);

        ring.read(hers.recordKey(), null);

        assertThat(ring.keyOf(SOKHA)).isEmpty();
        assertThat(ring.keysOf(SOKHA)).isEmpty();
        assertThat(ring.forRecordKey(hers.recordKey())).isEmpty();
        assertThat(ring.keyOf(DARA)).contains(other);
        assertThat(ring.cases()).isEqualTo(1);
    }

    @Test
    void twoKeysOfOneCaseAreBothKeptAndTheLaterSealsNewRecords() {
        CaseKeyRing writer = new CaseKeyRing();
        CaseDataKey first = CaseDataKey.create();
        CaseDataKey second = CaseDataKey.create();
        CaseKeyRing ring = new CaseKeyRing();
        ring.read(first.recordKey(), writer.recordOf(SOKHA, first));
        ring.read(second.recordKey(), writer.recordOf(SOKHA, second));

        assertThat(ring.keyOf(SOKHA)).contains(second);
        assertThat(ring.keysOf(SOKHA)).containsExactly(first, second);
        ring.read(second.recordKey(), null);
        assertThat(ring.keyOf(SOKHA)).contains(first);
    }

    @Test
    void erasingOneOfThreeKeysLeavesTheOthersInOrderAndTheLatestLeftSealsNewRecords() {
        CaseKeyRing writer = new CaseKeyRing();
        CaseDataKey first = CaseDataKey.create();
        CaseDataKey second = CaseDataKey.create();
        CaseDataKey third = CaseDataKey.create();
        CaseKeyRing ring = new CaseKeyRing();
        for (CaseDataKey key : java.util.List.of(first, second, third, second)) {
            ring.read(key.recordKey(), writer.recordOf(SOKHA, key));
        }
        assertThat(ring.keysOf(SOKHA)).as("a key read again is her latest").containsExactly(first, third, second);

        ring.read(third.recordKey(), null);
        assertThat(ring.keysOf(SOKHA)).containsExactly(first, second);
        assertThat(ring.keyOf(SOKHA)).contains(second);
        assertThat(ring.forRecordKey(third.recordKey())).isEmpty();
        assertThat(ring.forRecordKey(first.recordKey())).contains(first);

        ring.read(second.recordKey(), null);
        assertThat(ring.keyOf(SOKHA)).contains(first);
        ring.read(first.recordKey(), null);
        assertThat(ring.keysOf(SOKHA)).isEmpty();
        assertThat(ring.cases()).isZero();
    }

    @Test
    void aRecordThatIsNoKeyOfOursIsRefusedWithoutItsContent() {
        CaseKeyRing ring = new CaseKeyRing();
        CaseDataKey key = CaseDataKey.create();
        byte[] value = ring.recordOf(SOKHA, key);

        assertThatThrownBy(() -> ring.read(CaseDataKey.create().recordKey(), value))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("no case key")
                .message()
                .doesNotContain(SOKHA);
        value[value.length - 1] ^= 1;
        assertThatThrownBy(() -> ring.read(key.recordKey(), value)).isInstanceOf(IngestException.class);
    }
}
