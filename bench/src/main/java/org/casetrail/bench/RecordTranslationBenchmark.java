package org.casetrail.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.read.JsonLinesReader;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;
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
 * What ingest does to each record before Kafka, per record, over the lines of a realistic case:
 * JSON parsing alone, translation (validation, HMAC pseudonyms, banding, scrubbing) of parsed
 * records alone, and the whole line-to-bytes path (parse, translate, Avro encode). One core's
 * rate of the last is the ceiling of a single-threaded ingest.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordTranslationBenchmark {

    private RealisticCase realistic;
    private RecordTranslator translator;

    @Setup
    public void setUp() {
        realistic = RealisticCase.average();
        translator = RealisticCase.translator();
    }

    @Benchmark
    @OperationsPerInvocation(RealisticCase.EVENTS)
    public void parseLine(Blackhole out) throws IOException {
        try (JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(realistic.lineBytes))) {
            ExportRecord record;
            while ((record = reader.next()) != null) {
                out.consume(record);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(RealisticCase.EVENTS)
    public void translateParsed(Blackhole out) {
        for (ExportRecord record : realistic.records) {
            out.consume(translator.translate(record));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RealisticCase.EVENTS)
    public void lineToLogBytes(Blackhole out) throws IOException {
        try (JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(realistic.lineBytes))) {
            ExportRecord record;
            while ((record = reader.next()) != null) {
                out.consume(CaseEventCodec.encode(((Translation.Accepted) translator.translate(record)).event()));
            }
        }
    }
}
