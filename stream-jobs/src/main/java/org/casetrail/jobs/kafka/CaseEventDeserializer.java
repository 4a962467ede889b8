package org.casetrail.jobs.kafka;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casetrail.jobs.flink.LogNotice;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.journey.CaseHash;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.sealing.LogRecordOpener;
import org.casetrail.schemas.sealing.SealedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads event-log records: opens each sealed one with its case's data key from the case-keys topic
 * ({@link CaseKeyDirectory}), then keeps its content as it is ({@link LoggedEvent}): here only its
 * header, case and date are read, and the whole record only when its case folds. Its offset goes
 * with it: the latest version of a record is the one at the highest offset of its case's
 * partition. A sealed event is grouped by its record key (one per woman, derived from her data
 * key), which is also what her erasure carries; an unsealed one, of a log written before sealing,
 * by its pseudonym.
 *
 * <p>A record that cannot be opened, because its key is gone or it was changed, becomes a notice
 * that is counted, never an event; bytes that are no record of the log at all stop the job (here
 * with its position): the log is the system of record and is never silently skipped over.
 */
public final class CaseEventDeserializer implements KafkaRecordDeserializationSchema<LoggedEvent> {

    private static final long serialVersionUID = 1L;
    private final String bootstrapServers;
    private final String keysTopic;
    private transient CaseEventCodec codec;
    private transient LogRecordOpener opener;
    private transient CaseKeyDirectory keys;
    private transient long plainEvents;
    private static final Logger LOG = LoggerFactory.getLogger(CaseEventDeserializer.class);

    public CaseEventDeserializer(String bootstrapServers, String keysTopic) {
        this.bootstrapServers = bootstrapServers;
        this.keysTopic = keysTopic;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = new CaseEventCodec();
        opener = new LogRecordOpener();
        keys = new CaseKeyDirectory(bootstrapServers, keysTopic);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LoggedEvent> out) throws IOException {
        LogRecordOpener.Opened opened =
                opener.open(SealedRecord.Kind.EVENT, record.key(), record.value(), keys::keyFor);
        switch (opened.outcome()) {
            case OPENED -> out.collect(event(record, opened));
            case PLAIN -> {
                if (plainEvents++ == 0) {
                    LOG.warn(
                            "{} holds events written before sealing: erasure cannot reach them until the log is"
                                    + " converted (casetrail log seal; docs/erasure.md)",
                            record.topic());
                }
                out.collect(event(record, opened));
            }
            case ERASURE -> {
                keys.forget(opened.recordKey());
                out.collect(notice(record, opened, LogNotice.ERASURE));
            }
            case NO_DATA_KEY -> out.collect(notice(record, opened, LogNotice.NO_DATA_KEY));
            case TAMPERED -> out.collect(notice(record, opened, LogNotice.TAMPERED));
            case UNKNOWN ->
                throw new IOException("record at " + where(record)
                        + " is not an Avro single-object encoded case event, nor a sealed one");
        }
    }

    private LoggedEvent event(ConsumerRecord<byte[], byte[]> record, LogRecordOpener.Opened opened) throws IOException {
        try {
            CaseEventCodec.Heading heading = codec.heading(opened.content());
            long caseHash = opened.outcome() == LogRecordOpener.Outcome.OPENED
                    ? CaseHash.of(opened.recordKey())
                    : CaseHash.of(heading.casePseudonym());
            return new LoggedEvent(caseHash, heading.occurredOnEpochDay(), record.offset(), opened.content());
        } catch (CaseEventCodec.UndecodableEventException e) {
            throw new IOException("record at " + where(record) + " is " + e.getMessage());
        }
    }

    private static LoggedEvent notice(
            ConsumerRecord<byte[], byte[]> record, LogRecordOpener.Opened opened, LogNotice notice) {
        long caseHash = opened.recordKey() == null ? 0 : CaseHash.of(opened.recordKey());
        return LoggedEvent.notice(caseHash, record.offset(), notice);
    }

    private static String where(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + " offset " + record.offset();
    }

    @Override
    public TypeInformation<LoggedEvent> getProducedType() {
        return TypeInformation.of(LoggedEvent.class);
    }
}
