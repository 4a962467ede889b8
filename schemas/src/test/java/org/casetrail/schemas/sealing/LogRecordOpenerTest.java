package org.casetrail.schemas.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogRecordOpenerTest {

    private final LogRecordOpener opener = new LogRecordOpener();
    private final CaseDataKey key = CaseDataKey.create();

    /** Into any kind byte, known or not: the value still carries the sealed marker, so it was sealed and changed. */
    @Test
    void aSealedEventWhoseKindByteIsChangedIsTamperedNeverUnknown() {
        byte[] sealed = new SealedRecord()
                .seal(key, SealedRecord.Kind.EVENT, key.recordKeyBytes(), "content".getBytes(StandardCharsets.UTF_8));
        Set<LogRecordOpener.Outcome> outcomes = EnumSet.noneOf(LogRecordOpener.Outcome.class);
        for (int flip = 1; flip <= 255; flip++) {
            byte[] changed = sealed.clone();
            changed[1] ^= (byte) flip;
            outcomes.add(opener.open(SealedRecord.Kind.EVENT, key.recordKeyBytes(), changed, k -> key)
                    .outcome());
        }
        assertThat(outcomes).containsExactly(LogRecordOpener.Outcome.TAMPERED);
    }

    @Test
    void aValueWithoutTheSealedMarkerNorAvrosIsUnknown() {
        byte[] json = "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThat(opener.open(SealedRecord.Kind.EVENT, key.recordKeyBytes(), json, k -> key)
                        .outcome())
                .isEqualTo(LogRecordOpener.Outcome.UNKNOWN);
    }
}
