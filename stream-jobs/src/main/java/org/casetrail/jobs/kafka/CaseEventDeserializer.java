package org.casetrail.jobs.kafka;

import java.io.IOException;
import java.util.UUID;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.schemas.EventLogTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's source reading the event log: each record goes to a {@link SealedEventReader} with the
 * data keys of the case-keys topic ({@link CaseKeyDirectory}), and what it makes of it, an event or
 * a notice in its place, goes on. A record that is no record of the log stops the job here, with
 * its position.
 */
public final class CaseEventDeserializer implements KafkaRecordDeserializationSchema<LoggedEvent> {

    private static final long serialVersionUID = 1L;
    private final String bootstrapServers;
    private final String keysTopic;
    /** The same in every subtask of the job this deserializer was made for: they share one load of the keys. */
    private final String readId = UUID.randomUUID().toString();

    private transient SealedEventReader reader;
    private static final Logger LOG = LoggerFactory.getLogger(CaseEventDeserializer.class);

    public CaseEventDeserializer(String bootstrapServers, String keysTopic) {
        this.bootstrapServers = bootstrapServers;
        this.keysTopic = keysTopic;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        CaseKeyDirectory keys = new CaseKeyDirectory(bootstrapServers, keysTopic, readId);
        reader = new SealedEventReader(keys::keyFor, keys::forget);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LoggedEvent> out) throws IOException {
        boolean plainBefore = reader.plainEvents() > 0;
        LoggedEvent event;
        try {
            event = reader.read(
                    record.key(),
                    record.value(),
                    () -> record.headers().lastHeader(EventLogTopics.FINGERPRINT_HEADER) != null,
                    record.offset());
        } catch (SealedEventReader.UnreadableRecordException e) {
            throw new IOException("record at " + record.topic() + "-" + record.partition() + " offset "
                    + record.offset() + " " + e.getMessage());
        }
        if (!plainBefore && reader.plainEvents() > 0) {
            LOG.warn(
                    "{} holds events written before sealing: erasure cannot reach them until the log is"
                            + " converted (casetrail log seal; docs/erasure.md)",
                    record.topic());
        }
        out.collect(event);
    }

    @Override
    public TypeInformation<LoggedEvent> getProducedType() {
        return TypeInformation.of(LoggedEvent.class);
    }
}
