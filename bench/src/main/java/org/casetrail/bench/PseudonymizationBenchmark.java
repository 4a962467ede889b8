package org.casetrail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pseudonymization step per record: the HMAC alone (the baseline), a whole record without a
 * narrative, and a testimony whose narrative must be scrubbed; each includes Avro encoding where
 * the record would be produced. Run with {@code bench/run}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PseudonymizationBenchmark {

    private static final String IDENTIFIED = """
            {"source": "afesip-cms", "source_event_id": "E-2009-000123", "case_id": "AF-2009-0042",
             "type": "CASE_IDENTIFIED", "occurred_at": "2009-03-14", "recorded_at": "2009-03-15T09:12:00+07:00",
             "centre": "TOM_DY",
             "person": {"given_name": "Srey Neang", "family_name": "Chan", "aliases": ["Neang"],
                        "date_of_birth": "1983-05-02", "phone": "+855 12 345 678", "national_id": "010203040",
                        "email": null, "village": "Prek Leap", "province": "Phnom Penh", "nationality": "KH"},
             "details": {"referral_source": "POLICE_OPERATION", "exploitation_type": "SEXUAL"}, "narrative": null}""";

    private Pseudonymizer pseudonymizer;
    private RecordTranslator translator;
    private ExportRecord identified;
    private ExportRecord testimony;

    @Setup
    public void setUp() throws Exception {
        pseudonymizer = new Pseudonymizer(PseudonymKey.of(new byte[32]));
        translator = new RecordTranslator(pseudonymizer);
        ObjectMapper json = new ObjectMapper();
        identified = ExportRecord.parsed(1, json.readTree(IDENTIFIED));
        JsonNode story = json.readTree(
                IDENTIFIED
                        .replace("CASE_IDENTIFIED", "TESTIMONY_RECORDED")
                        .replace(
                                "\"narrative\": null",
                                "\"narrative\": \"My name is Srey Neang Chan and I come from Prek Leap. A woman promised me work in a restaurant, "
                                        + "but I was sold. I was born on 2 May 1983. Neang's mother still lives in Prek Leap. You can reach her on "
                                        + "012-345-678. Her ID card number is 010203040. Now I have my own sewing business.\""));
        testimony = ExportRecord.parsed(2, story);
    }

    @Benchmark
    public String hmacOnly() {
        return pseudonymizer.casePseudonym("afesip-cms", "AF-2009-0042");
    }

    @Benchmark
    public byte[] recordWithoutNarrative() {
        return CaseEventCodec.encode(((Translation.Accepted) translator.translate(identified)).event());
    }

    @Benchmark
    public byte[] testimonyWithNarrative() {
        return CaseEventCodec.encode(((Translation.Accepted) translator.translate(testimony)).event());
    }
}
