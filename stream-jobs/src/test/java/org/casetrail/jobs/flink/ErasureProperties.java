package org.casetrail.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.casetrail.jobs.OutcomeJob;
import org.casetrail.jobs.journey.Events;
import org.casetrail.jobs.kafka.SealedEventReader;
import org.casetrail.jobs.kafka.SealedLog;
import org.casetrail.jobs.outcomes.CellContribution;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.jobs.perturbation.PerturbationSecret;
import org.casetrail.jobs.release.Snapshot;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.UnfoldedRecords;

/**
 * Erasure leaves no trace in the tables (docs/erasure.md): for any set of erased women, every
 * table is, byte for byte, the table of the log without them, and the snapshot counts them and
 * the records it did not fold, nothing else. Once for a replay after their erasure (their keys
 * gone: the whole job, sealed log through the source's reader), once for a stream that had folded
 * them before it read their erasure (the journey operator with Flink's harness).
 */
class ErasureProperties {

    private static final LocalDate AS_OF = Events.day("2012-12-31");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MiniCluster flink;

    @BeforeContainer
    static void startFlink() throws Exception {
        flink = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(2)
                .build());
        flink.start();
    }

    @AfterContainer
    static void stopFlink() throws Exception {
        flink.close();
    }

    @Provide
    Arbitrary<ErasedLog> logs() {
        return ErasedLog.arbitrary();
    }

    @Property(tries = 6)
    void aReplayAfterTheirErasureHasTheTablesOfTheLogWithoutThem(@ForAll("logs") ErasedLog log) throws Exception {
        Path dir = Files.createTempDirectory("erasure-replay");
        try {
            Path secret = perturbationSecret(dir);
            SealedLog sealed = log.sealed(true);
            List<LoggedEvent> read =
                    sealed.read(new SealedEventReader(sealed.keysTopic()::get, sealed.keysTopic()::remove));

            replay(plain(log.withoutErased()), log, secret, dir.resolve("without"));
            replay(read, log, secret, dir.resolve("erased"));

            // Her events no longer open: each is a record without its data key.
            assertSameTables(
                    dir.resolve("without"),
                    dir.resolve("erased"),
                    new UnfoldedRecords(log.erased().size(), 0, log.eventsOfErased(), 0));
        } finally {
            delete(dir);
        }
    }

    @Property(tries = 8)
    void aStreamThatFoldedThemBeforeReadingTheirErasureHasTheTablesOfTheLogWithoutThem(@ForAll("logs") ErasedLog log)
            throws Exception {
        Path dir = Files.createTempDirectory("erasure-stream");
        try {
            Path secret = perturbationSecret(dir);
            try (var without = harness(secret)) {
                without.processBroadcastElement(AS_OF, 0);
                for (LoggedEvent event : plain(log.withoutErased())) {
                    without.processElement(new StreamRecord<>(event));
                }
                without.setProcessingTime(1000);
                write(without, log, dir.resolve("without"));
            }

            // Running before she was erased: her key is there until her erasure is read.
            SealedLog sealed = log.sealed(false);
            List<LoggedEvent> read =
                    sealed.read(new SealedEventReader(sealed.keysTopic()::get, sealed.keysTopic()::remove));
            try (var stream = harness(secret)) {
                stream.processBroadcastElement(AS_OF, 0);
                long now = 0;
                for (LoggedEvent event : read) {
                    if (event.isNotice()) {
                        // Quiet long enough for every case read so far to fold, hers included.
                        stream.setProcessingTime(now += 1000);
                    }
                    stream.processElement(new StreamRecord<>(event));
                }
                stream.setProcessingTime(now + 1000);
                assertThat(stream.getSideOutput(JourneyFunction.JOURNEYS))
                        .extracting(update -> update.getValue().casePseudonym)
                        .as("journeys folded")
                        .containsAll(log.erased());
                write(stream, log, dir.resolve("erased"));
            }

            // Her events were folded, then taken back and dropped with her journey.
            assertSameTables(
                    dir.resolve("without"),
                    dir.resolve("erased"),
                    new UnfoldedRecords(log.erased().size(), log.eventsOfErased(), 0, 0));
        } finally {
            delete(dir);
        }
    }

    /** The log as ingest would have written it before sealing: its index is each event's position. */
    private static List<LoggedEvent> plain(List<CaseEvent> events) {
        List<LoggedEvent> logged = new ArrayList<>();
        for (CaseEvent event : events) {
            logged.add(LoggedEvent.of(event, logged.size()));
        }
        return logged;
    }

    private static Path perturbationSecret(Path dir) {
        Path warehouse = dir.resolve("warehouse");
        PerturbationSecret.openOrCreate(warehouse);
        return warehouse.resolve(PerturbationSecret.FILE_NAME);
    }

    private static DisclosureSettings disclosure(ErasedLog log) {
        return new DisclosureSettings(3, log.protection(), PerturbationTable.CURRENT, ConsentBasis.UNLESS_WITHDRAWN);
    }

    /** The whole job in BATCH mode, as a replay runs it, on the events in a shuffled order. */
    private static void replay(List<LoggedEvent> events, ErasedLog log, Path secret, Path release) throws Exception {
        List<LoggedEvent> delivered = new ArrayList<>(events);
        Collections.shuffle(delivered, new Random(42));
        StreamExecutionEnvironment env = new TestStreamEnvironment(flink, 2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        OutcomeJob.build(
                env.fromData(delivered, TypeInformation.of(LoggedEvent.class)),
                new OutcomeJob.Settings(
                        AS_OF,
                        null,
                        Events.FINGERPRINT,
                        secret.toString(),
                        disclosure(log),
                        new ReleaseAssembly.Target(release.toString(), false),
                        1000));
        env.execute("erasure property");
    }

    private static KeyedBroadcastOperatorTestHarness<Long, LoggedEvent, LocalDate, CellContribution> harness(
            Path secret) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new JourneyFunction(Events.FINGERPRINT, secret.toString(), ConsentBasis.UNLESS_WITHDRAWN),
                LoggedEvent::caseHash,
                Types.LONG,
                JourneyFunction.AS_OF);
    }

    /**
     * The tables of what the journey operator sent, written as {@link ReleaseAssembly} writes
     * them: each cell's running sum (none where it holds no case), each woman's latest journey,
     * less those an erasure dropped.
     */
    private static void write(
            KeyedBroadcastOperatorTestHarness<Long, LoggedEvent, LocalDate, CellContribution> harness,
            ErasedLog log,
            Path release)
            throws IOException {
        Map<String, CellContribution> sums = new HashMap<>();
        for (CellContribution contribution : harness.extractOutputValues()) {
            sums.merge(contribution.cellId(), contribution, CellContribution::merge);
        }
        List<OutcomeCell> cells = sums.values().stream()
                .filter(sum -> sum.cases() != 0)
                .map(OutcomeCell::of)
                .toList();
        Map<String, Snapshot.Journey> journeys = new HashMap<>();
        Map<String, Long> eventsSeen = new HashMap<>();
        UnfoldedRecords unfolded = UnfoldedRecords.NONE;
        for (StreamRecord<TableUpdate> record : harness.getSideOutput(JourneyFunction.JOURNEYS)) {
            TableUpdate update = record.getValue();
            if (update.kind == TableUpdate.Kind.JOURNEY) {
                journeys.put(
                        update.casePseudonym,
                        new Snapshot.Journey(update.inclusion, update.journey, update.testimonies));
                eventsSeen.put(update.casePseudonym, update.eventsSeen);
            } else if (update.kind == TableUpdate.Kind.UNFOLDED) {
                for (String dropped : update.droppedCases) {
                    journeys.remove(dropped);
                    eventsSeen.remove(dropped);
                }
                unfolded = unfolded.plus(update.unfolded());
            }
        }
        Snapshot.write(
                release,
                cells,
                journeys,
                disclosure(log),
                AS_OF.toString(),
                eventsSeen.values().stream().mapToLong(Long::longValue).sum(),
                unfolded,
                1);
    }

    /**
     * Every file of both releases byte for byte, but snapshot.json, which says what was not folded:
     * there, the erased release's counts, and otherwise the same summary.
     */
    private static void assertSameTables(Path without, Path erased, UnfoldedRecords notFolded) throws IOException {
        List<Path> files = files(without);
        assertThat(files(erased)).isEqualTo(files);
        assertThat(files).contains(Path.of(SnapshotSummary.FILE_NAME));
        for (Path file : files) {
            if (!file.equals(Path.of(SnapshotSummary.FILE_NAME))) {
                assertThat(Arrays.mismatch(
                                Files.readAllBytes(without.resolve(file)), Files.readAllBytes(erased.resolve(file))))
                        .as("first byte of %s that differs", file)
                        .isEqualTo(-1);
            }
        }
        JsonNode expected =
                JSON.readTree(without.resolve(SnapshotSummary.FILE_NAME).toFile());
        JsonNode actual =
                JSON.readTree(erased.resolve(SnapshotSummary.FILE_NAME).toFile());
        assertThat(expected.at("/records_not_folded").properties())
                .allSatisfy(count -> assertThat(count.getValue().asLong()).isZero());
        assertThat(expected.at("/cases/cases_erased").asLong()).isZero();
        assertThat(actual.at("/records_not_folded/erasures").asLong()).isEqualTo(notFolded.erasures());
        assertThat(actual.at("/records_not_folded/erased_events").asLong()).isEqualTo(notFolded.erasedEvents());
        assertThat(actual.at("/records_not_folded/without_data_key").asLong()).isEqualTo(notFolded.withoutDataKey());
        assertThat(actual.at("/records_not_folded/tampered").asLong()).isEqualTo(notFolded.tampered());
        assertThat(actual.at("/cases/cases_erased").asLong()).isEqualTo(notFolded.erasures());
        ((ObjectNode) actual).set("records_not_folded", expected.get("records_not_folded"));
        ((ObjectNode) actual.get("cases")).set("cases_erased", expected.at("/cases/cases_erased"));
        assertThat(actual).isEqualTo(expected);
    }

    private static List<Path> files(Path release) throws IOException {
        try (Stream<Path> walk = Files.walk(release)) {
            return walk.filter(Files::isRegularFile)
                    .map(release::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
