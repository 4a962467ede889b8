package org.casetrail.ingest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.casetrail.ingest.CollectingLog;
import org.casetrail.ingest.ExportIngest;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticExportTest {

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherData() throws Exception {
        assertThat(bytes(300, 1, SyntheticExport.Format.JSONL)).isEqualTo(bytes(300, 1, SyntheticExport.Format.JSONL));
        assertThat(bytes(300, 1, SyntheticExport.Format.CSV)).isEqualTo(bytes(300, 1, SyntheticExport.Format.CSV));
        assertThat(bytes(300, 1, SyntheticExport.Format.JSONL))
                .isNotEqualTo(bytes(300, 2, SyntheticExport.Format.JSONL));
    }

    @Test
    void jsonLinesAndCsvIngestWithOnlyTheDeliberatelyMalformedRejected(@TempDir Path dir) throws Exception {
        for (SyntheticExport.Format format : SyntheticExport.Format.values()) {
            Path file = dir.resolve("export." + format.name().toLowerCase());
            SyntheticExport.Written written =
                    SyntheticExport.write(SyntheticExport.Settings.defaults(750, 7), file, format);
            CollectingLog log = new CollectingLog();
            IngestSummary summary = new ExportIngest(
                            new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32]))), log, b -> {})
                    .ingest(List.of(file));

            assertThat(summary.read()).as(format.name()).isEqualTo(written.records());
            assertThat(summary.rejected())
                    .as(format.name())
                    .isEqualTo(written.malformed())
                    .isPositive();
            assertThat(summary.accepted() + summary.rejected()).isEqualTo(summary.read());
            assertThat(log.events).hasSize((int) summary.accepted());
            Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
            log.events.forEach(e -> byType.merge(e.getType(), 1, Integer::sum));
            for (EventType type : EventType.values()) {
                if (type != EventType.UNKNOWN) {
                    assertThat(byType).as("%s in a default-size export", type).containsKey(type);
                }
            }
            assertThat(Files.size(file)).isPositive();
        }
    }

    @Test
    void everyDeliberatelyMalformedRecordIsRejectedAndNothingElse() throws Exception {
        for (long seed = 1; seed <= 8; seed++) {
            for (SyntheticExport.Format format : SyntheticExport.Format.values()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                SyntheticExport.Written written =
                        SyntheticExport.write(SyntheticExport.Settings.defaults(300, seed), out, format);
                Path file = Files.createTempFile("synthetic", format == SyntheticExport.Format.CSV ? ".csv" : ".jsonl");
                try {
                    Files.write(file, out.toByteArray());
                    IngestSummary summary = new ExportIngest(
                                    new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32]))),
                                    new CollectingLog(),
                                    b -> {})
                            .ingest(List.of(file));
                    assertThat(summary.rejected())
                            .as("seed %d %s", seed, format)
                            .isEqualTo(written.malformed());
                } finally {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void aboutAFifthOfTheWomenAreMinorsAndFollowUpsComeAfterReintegration() throws Exception {
        CollectingLog log = new CollectingLog();
        Path file = Files.createTempFile("synthetic", ".jsonl");
        try {
            SyntheticExport.write(
                    new SyntheticExport.Settings(2000, 3, 2009, 8, 3, SyntheticExport.Mess.NONE),
                    file,
                    SyntheticExport.Format.JSONL);
            new ExportIngest(new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32]))), log, b -> {})
                    .ingest(List.of(file));
        } finally {
            Files.delete(file);
        }
        List<CaseEvent> identified = log.events.stream()
                .filter(e -> e.getType() == EventType.CASE_IDENTIFIED)
                .toList();
        assertThat(identified).hasSize(2000);
        long minors = identified.stream()
                .filter(e -> Boolean.TRUE.equals(e.getSubject().getMinor()))
                .count();
        assertThat(minors / 2000.0).isBetween(0.15, 0.27);

        long policeOrOutreach = identified.stream()
                .map(e -> ((org.casetrail.schemas.event.CaseIdentifiedDetails) e.getDetails()).getReferralSource())
                .filter(r -> r == org.casetrail.schemas.event.ReferralSource.POLICE_OPERATION
                        || r == org.casetrail.schemas.event.ReferralSource.OUTREACH)
                .count();
        assertThat(policeOrOutreach / 2000.0)
                .as("mostly police operations and outreach")
                .isBetween(0.6, 0.8);

        long enrolled = count(log, EventType.TRAINING_ENROLLED);
        assertThat(count(log, EventType.TRAINING_COMPLETED) / (double) enrolled)
                .as("completion rate")
                .isBetween(0.6, 0.85);
        assertThat(count(log, EventType.TRAINING_DROPPED) / (double) enrolled)
                .as("drop-out rate")
                .isBetween(0.1, 0.3);
        assertThat(enrolled / (double) count(log, EventType.SHELTER_ADMITTED))
                .as("one to three courses each")
                .isBetween(1.5, 2.5);
        assertThat(count(log, EventType.SHELTER_ADMITTED) / 2000.0)
                .as("most are sheltered")
                .isBetween(0.85, 0.95);
        assertThat(count(log, EventType.LEGAL_CASE_FILED) / 2000.0)
                .as("a minority go to court")
                .isBetween(0.15, 0.35);
        assertThat(count(log, EventType.TESTIMONY_RECORDED)).isPositive();

        Map<String, java.time.LocalDate> identifiedOn = new java.util.HashMap<>();
        identified.forEach(e -> identifiedOn.put(e.getCasePseudonym(), e.getOccurredOn()));
        for (CaseEvent e : log.events) {
            if (e.getType() == EventType.SHELTER_ADMITTED) {
                assertThat(java.time.temporal.ChronoUnit.DAYS.between(
                                identifiedOn.get(e.getCasePseudonym()), e.getOccurredOn()))
                        .as("admission within days of identification")
                        .isBetween(0L, 7L);
            }
        }

        Map<String, java.time.LocalDate> reintegrated = new java.util.HashMap<>();
        log.events.stream()
                .filter(e -> e.getType() == EventType.REINTEGRATED)
                .forEach(e ->
                        reintegrated.merge(e.getCasePseudonym(), e.getOccurredOn(), (a, b) -> a.isBefore(b) ? a : b));
        for (CaseEvent e : log.events) {
            if (e.getType() == EventType.FOLLOW_UP) {
                assertThat(reintegrated).containsKey(e.getCasePseudonym());
                assertThat(e.getOccurredOn()).isAfter(reintegrated.get(e.getCasePseudonym()));
            }
        }
    }

    private static long count(CollectingLog log, EventType type) {
        return log.events.stream().filter(e -> e.getType() == type).count();
    }

    private static byte[] bytes(int cases, long seed, SyntheticExport.Format format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticExport.write(SyntheticExport.Settings.defaults(cases, seed), out, format);
        return out.toByteArray();
    }
}
