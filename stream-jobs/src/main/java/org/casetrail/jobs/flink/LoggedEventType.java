package org.casetrail.jobs.flink;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's type for {@link LoggedEvent}: every event of a replay crosses a chained operator, a
 * shuffle and a sort, where Flink's POJO serializer would copy and write it field by field through
 * reflection (bench/PROFILE.md, phase 7). Written as its hash, its day, its log position and its
 * bytes; copied not at all, as the event is immutable.
 */
public final class LoggedEventType extends TypeInformation<LoggedEvent> {

    private static final long serialVersionUID = 1L;

    /** What {@code @TypeInfo} on {@link LoggedEvent} names. */
    public static final class Factory extends TypeInfoFactory<LoggedEvent> {
        @Override
        public TypeInformation<LoggedEvent> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new LoggedEventType();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<LoggedEvent> getTypeClass() {
        return LoggedEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LoggedEvent> createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LoggedEvent";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoggedEventType;
    }

    @Override
    public int hashCode() {
        return LoggedEventType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof LoggedEventType;
    }

    /** Hash (8 bytes), day (4), log position (8), the record's length (4) and its bytes. */
    public static final class Serializer extends TypeSerializerSingleton<LoggedEvent> {

        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public LoggedEvent createInstance() {
            return new LoggedEvent(0, 0, 0, new byte[0]);
        }

        @Override
        public LoggedEvent copy(LoggedEvent from) {
            return from;
        }

        @Override
        public LoggedEvent copy(LoggedEvent from, LoggedEvent reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(LoggedEvent event, DataOutputView target) throws IOException {
            target.writeLong(event.caseHash());
            target.writeInt(event.day());
            target.writeLong(event.position());
            target.writeInt(event.bytes().length);
            target.write(event.bytes());
        }

        @Override
        public LoggedEvent deserialize(DataInputView source) throws IOException {
            long caseHash = source.readLong();
            int day = source.readInt();
            long position = source.readLong();
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            return new LoggedEvent(caseHash, day, position, bytes);
        }

        @Override
        public LoggedEvent deserialize(LoggedEvent reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            target.writeLong(source.readLong());
            target.writeInt(source.readInt());
            target.writeLong(source.readLong());
            int length = source.readInt();
            target.writeInt(length);
            target.write(source, length);
        }

        @Override
        public TypeSerializerSnapshot<LoggedEvent> snapshotConfiguration() {
            return new Snapshot();
        }

        /**
         * What a checkpoint records of the serializer: the layout's version. The journey operator
         * keeps a case's events in state as they came, so a checkpoint holds events in this
         * layout; one written in another layout is refused on restore rather than misread
         * (docs/operations.md: a stream's checkpoints are for the version that wrote them).
         */
        public static final class Snapshot implements TypeSerializerSnapshot<LoggedEvent> {

            /** Hash, day, log position, bytes: 2, after the layout without the position, never kept in state. */
            static final int LAYOUT = 2;

            private int readLayout = LAYOUT;

            @Override
            public int getCurrentVersion() {
                return LAYOUT;
            }

            @Override
            public void writeSnapshot(DataOutputView out) {}

            @Override
            public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
                readLayout = readVersion;
            }

            @Override
            public TypeSerializer<LoggedEvent> restoreSerializer() {
                return INSTANCE;
            }

            @Override
            public TypeSerializerSchemaCompatibility<LoggedEvent> resolveSchemaCompatibility(
                    TypeSerializerSnapshot<LoggedEvent> old) {
                return old instanceof Snapshot written && written.readLayout == LAYOUT
                        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.incompatible();
            }
        }
    }
}
