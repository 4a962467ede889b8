package org.casetrail.jobs.kafka;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.journey.CaseHash;
import org.casetrail.schemas.CaseEventCodec;

/**
 * Reads event-log records with the one codec of the schemas module, keeping each record's bytes
 * as they are ({@link LoggedEvent}): here only its header, case and date are read, and the whole
 * record only when its case folds. Its offset goes with it: the latest version of a record is the
 * one at the highest offset of its case's partition. A record that cannot be read stops the job
 * (here with its position): the log is the system of record and is never skipped over.
 */
public final class CaseEventDeserializer implements KafkaRecordDeserializationSchema<LoggedEvent> {

    private static final long serialVersionUID = 1L;
    private transient CaseEventCodec codec;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LoggedEvent> out) throws IOException {
        if (codec == null) {
            codec = new CaseEventCodec();
        }
        try {
            CaseEventCodec.Heading heading = codec.heading(record.value());
            out.collect(new LoggedEvent(
                    CaseHash.of(heading.casePseudonym()),
                    heading.occurredOnEpochDay(),
                    record.offset(),
                    record.value()));
        } catch (CaseEventCodec.UndecodableEventException e) {
            throw new IOException("record at " + record.topic() + "-" + record.partition() + " offset "
                    + record.offset() + " is " + e.getMessage());
        }
    }

    @Override
    public TypeInformation<LoggedEvent> getProducedType() {
        return TypeInformation.of(LoggedEvent.class);
    }
}
