package org.casetrail.schemas.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SealedRecordProperties {

    private final SealedRecord sealing = new SealedRecord();

    @Property(tries = 200)
    void whatIsSealedOpensWithItsKeyAndRecordKeyOnly(@ForAll @Size(max = 2000) byte[] content) throws Exception {
        CaseDataKey key = CaseDataKey.create();
        byte[] sealed = sealing.seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), content);

        assertThat(SealedRecord.kindOf(sealed)).isEqualTo(SealedRecord.Kind.EVENT);
        assertThat(sealing.open(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), sealed))
                .isEqualTo(content);
        CaseDataKey other = CaseDataKey.create();
        assertThatThrownBy(() -> sealing.open(other, SealedRecord.Kind.EVENT, key.recordKeyBytes(), sealed))
                .isInstanceOf(SealedRecord.TamperedRecordException.class);
        assertThatThrownBy(() -> sealing.open(key, SealedRecord.Kind.EVENT, other.recordKeyBytes(), sealed))
                .isInstanceOf(SealedRecord.TamperedRecordException.class);
        assertThatThrownBy(() -> sealing.open(key, SealedRecord.Kind.REJECT, key.recordKeyBytes(), sealed))
                .isInstanceOf(SealedRecord.TamperedRecordException.class);
    }

    @Property(tries = 300)
    void anyByteFlippedIsRefused(
            @ForAll @Size(min = 1, max = 300) byte[] content,
            @ForAll @IntRange(min = 0, max = 100_000) int at,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        CaseDataKey key = CaseDataKey.create();
        byte[] sealed = sealing.seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), content);
        sealed[at % sealed.length] ^= (byte) flip;

        assertThatThrownBy(() -> sealing.open(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), sealed))
                .isInstanceOf(SealedRecord.TamperedRecordException.class);
    }

    @Property(tries = 100)
    void theSameContentSealsDifferentlyEachTime(@ForAll @Size(min = 1, max = 100) byte[] content) {
        CaseDataKey key = CaseDataKey.create();
        assertThat(sealing.seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), content))
                .isNotEqualTo(sealing.seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), content));
    }

    @Test
    void noTwoValuesSealedByOneInstanceOrTwoShareAnIv() {
        CaseDataKey key = CaseDataKey.create();
        SealedRecord another = new SealedRecord();
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            for (SealedRecord sealer : new SealedRecord[] {sealing, another}) {
                byte[] sealed = sealer.seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), new byte[] {1});
                assertThat(ivs.add(HexFormat.of().formatHex(sealed, 2, 14)))
                        .as("IV of value %d", i)
                        .isTrue();
            }
        }
    }

    @Test
    void valuesAreToldApartByTheirFirstBytes() {
        assertThat(SealedRecord.kindOf(SealedRecord.erasure())).isEqualTo(SealedRecord.Kind.ERASURE);
        assertThat(SealedRecord.kindOf(new byte[] {(byte) 0xC3, 0x01, 1, 2})).isEqualTo(SealedRecord.Kind.PLAIN_EVENT);
        assertThat(SealedRecord.kindOf(new byte[] {SealedRecord.MARKER, 3, 0})).isEqualTo(SealedRecord.Kind.UNKNOWN);
        assertThat(SealedRecord.kindOf("{\"json\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SealedRecord.Kind.UNKNOWN);
        assertThat(SealedRecord.kindOf(null)).isEqualTo(SealedRecord.Kind.UNKNOWN);
    }

    @Test
    void aKeyRecordGivesBackItsKeyAndOwnerAndRefusesAnotherRecordKey() throws Exception {
        CaseDataKey key = CaseDataKey.create();
        String pseudonym = "0123456789abcdef0123456789abcdef";
        byte[] value = CaseKeyRecord.value(key, pseudonym, sealing);

        assertThat(CaseKeyRecord.key(key.recordKey(), value)).isEqualTo(key);
        assertThat(CaseKeyRecord.owner(key, value, sealing)).isEqualTo(pseudonym);
        assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain(pseudonym);
        assertThatThrownBy(() -> CaseKeyRecord.key(CaseDataKey.create().recordKey(), value))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecordKeyIsStableForAKeyAndSaysNothingOfIt() {
        byte[] bytes = new byte[CaseDataKey.KEY_BYTES];
        bytes[0] = 7;
        CaseDataKey key = CaseDataKey.of(bytes);
        assertThat(key.recordKey())
                .hasSize(32)
                .matches("[0-9a-f]{32}")
                .isEqualTo(CaseDataKey.of(bytes).recordKey());
        assertThat(key.toString()).doesNotContain("0700");
    }
}
