package org.casetrail.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.casetrail.jobs.journey.Events;
import org.junit.jupiter.api.Test;

class LoggedEventTypeTest {

    private final LoggedEvent event = LoggedEvent.of(new Events("case-1").identified("id", "2010-03-01"), 1L << 40);

    @Test
    void flinkTakesTheEventsOwnTypeNotItsPojoOrKryoSerializer() {
        TypeInformation<LoggedEvent> type = TypeInformation.of(LoggedEvent.class);

        assertThat(type).isInstanceOf(LoggedEventType.class);
        assertThat(type.createSerializer(new SerializerConfigImpl())).isInstanceOf(LoggedEventType.Serializer.class);
    }

    @Test
    void anEventWrittenAndReadBackIsTheSameEvent() throws Exception {
        TypeSerializer<LoggedEvent> serializer =
                TypeInformation.of(LoggedEvent.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(event, out);
        serializer.serialize(new LoggedEvent(-7L, -1, 0L, new byte[0]), out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        LoggedEvent first = serializer.deserialize(in);
        LoggedEvent second = serializer.deserialize(in);

        assertThat(first.caseHash()).isEqualTo(event.caseHash());
        assertThat(first.day()).isEqualTo(event.day());
        assertThat(first.position()).isEqualTo(1L << 40);
        assertThat(first.bytes()).isEqualTo(event.bytes());
        assertThat(second.caseHash()).isEqualTo(-7L);
        assertThat(second.day()).isEqualTo(-1);
        assertThat(second.position()).isZero();
        assertThat(second.bytes()).isEmpty();
        assertThat(in.available()).isZero();
    }

    /** How Flink moves a serialized record (a sort's merge, a spill) without reading it into an object. */
    @Test
    void aSerializedEventCopiedAsBytesReadsBackWhole() throws Exception {
        TypeSerializer<LoggedEvent> serializer = LoggedEventType.Serializer.INSTANCE;
        DataOutputSerializer written = new DataOutputSerializer(64);
        serializer.serialize(event, written);
        // Sized up front: this output view does not grow for a copy from another view.
        DataOutputSerializer copied = new DataOutputSerializer(1024);

        serializer.copy(new DataInputDeserializer(written.getCopyOfBuffer()), copied);

        assertThat(copied.getCopyOfBuffer()).isEqualTo(written.getCopyOfBuffer());
        LoggedEvent read = serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
        assertThat(read.position()).isEqualTo(event.position());
        assertThat(read.bytes()).isEqualTo(event.bytes());
    }

    /** The journey operator keeps events in state: a checkpoint's snapshot of the serializer must restore it. */
    @Test
    void aCheckpointedSnapshotRestoresTheSerializerAndIsCompatible() throws Exception {
        TypeSerializerSnapshot<LoggedEvent> written = LoggedEventType.Serializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);

        TypeSerializerSnapshot<LoggedEvent> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isEqualTo(LoggedEventType.Serializer.INSTANCE);
        assertThat(LoggedEventType.Serializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(read)
                        .isCompatibleAsIs())
                .isTrue();
    }

    /** Events written without their log position cannot be read as events with one: refused, not misread. */
    @Test
    void aSnapshotOfTheLayoutWithoutPositionsIsIncompatible() throws Exception {
        TypeSerializerSnapshot<LoggedEvent> withoutPositions = new LoggedEventType.Serializer.Snapshot();
        withoutPositions.readSnapshot(
                LoggedEventType.Serializer.Snapshot.LAYOUT - 1,
                new DataInputDeserializer(new byte[0]),
                getClass().getClassLoader());

        assertThat(LoggedEventType.Serializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(withoutPositions)
                        .isIncompatible())
                .isTrue();
    }
}
