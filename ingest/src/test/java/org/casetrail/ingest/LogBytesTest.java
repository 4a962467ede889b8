package org.casetrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codec writes and reads events with Avro's generated coders for their nested records; a log
 * written before that must read the same and a log written now must hold the same bytes. Every
 * event of a synthetic export, of every type, is compared with Avro's own reflective coding.
 */
class LogBytesTest {

    @Test
    void everyIngestedEventHasTheBytesAvrosReflectiveCodersWriteAndReadsBackWhole(@TempDir Path dir) throws Exception {
        // The generated classes' own model is the reflective path: custom coders are off unless a system property turns
        // them on.
        assertThat(SpecificData.getForClass(CaseEvent.class).useCustomCoders()).isFalse();
        Path export = dir.resolve("export.jsonl");
        SyntheticExport.write(SyntheticExport.Settings.defaults(400, 11), export, SyntheticExport.Format.JSONL);
        CollectingLog log = new CollectingLog();
        new ExportIngest(new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32]))), log, b -> {})
                .ingest(List.of(export));
        BinaryMessageEncoder<CaseEvent> reflectiveEncoder = CaseEvent.getEncoder();
        BinaryMessageDecoder<CaseEvent> reflectiveDecoder = CaseEvent.getDecoder();
        CaseEventCodec codec = new CaseEventCodec();
        Set<EventType> seen = EnumSet.noneOf(EventType.class);

        for (CaseEvent event : log.events) {
            byte[] written = CaseEventCodec.encode(event);
            ByteBuffer reflective = reflectiveEncoder.encode(event);
            byte[] expected = new byte[reflective.remaining()];
            reflective.get(expected);

            assertThat(written).as("bytes of a %s", event.getType()).isEqualTo(expected);
            assertThat(codec.decodeEvent(written)).isEqualTo(event).isEqualTo(reflectiveDecoder.decode(written));
            seen.add(event.getType());
        }
        assertThat(seen).containsAll(EnumSet.complementOf(EnumSet.of(EventType.UNKNOWN)));
        assertThat(log.events).hasSizeGreaterThan(5_000);
    }
}
