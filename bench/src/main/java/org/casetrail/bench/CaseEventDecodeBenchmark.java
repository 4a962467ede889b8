package org.casetrail.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event Avro work of ingest and replay, per event, over a realistic case: encoding a
 * record for the log (ingest's publisher), decoding it again (what a case's fold does), and the round trip through Flink's
 * {@code AvroSerializer} that every event pays again between the source and the keyed journey
 * operator (network shuffle, and in BATCH mode the sort by key), and in the events' ListState.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseEventDecodeBenchmark {

    private RealisticCase realistic;
    private CaseEventCodec codec;
    private TypeSerializer<CaseEvent> flinkSerializer;
    private DataOutputSerializer output;
    private DataInputDeserializer input;

    @Setup
    public void setUp() {
        realistic = RealisticCase.average();
        codec = new CaseEventCodec();
        flinkSerializer = new AvroTypeInfo<>(CaseEvent.class).createSerializer(new SerializerConfigImpl());
        output = new DataOutputSerializer(4096);
        input = new DataInputDeserializer();
    }

    @Benchmark
    @OperationsPerInvocation(RealisticCase.EVENTS)
    public void decodeFromLog(Blackhole out) throws CaseEventCodec.UndecodableEventException {
        for (byte[] bytes : realistic.encoded) {
            out.consume(codec.decodeEvent(bytes));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RealisticCase.EVENTS)
    public void encodeForLog(Blackhole out) {
        for (CaseEvent event : realistic.events) {
            out.consume(CaseEventCodec.encode(event));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RealisticCase.EVENTS)
    public void flinkSerializerRoundTrip(Blackhole out) throws IOException {
        for (CaseEvent event : realistic.events) {
            output.clear();
            flinkSerializer.serialize(event, output);
            input.setBuffer(output.getSharedBuffer(), 0, output.length());
            out.consume(flinkSerializer.deserialize(input));
        }
    }
}
