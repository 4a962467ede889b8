package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casetrail.ingest.read.ExportRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A date field may stand for the snapshot's date ({@code snapshot_date}): what a case status with
 * no date column of its own, or a case without any date, is dated by (docs/sources.md, "Constants and fallbacks").
 */
class SnapshotDateTest {

    static final String MAPPING = """
            mapping_version: 1
            source: snapshot-test
            inputs:
              - name: cases
                file: "*.csv"
                case_id: [Case number]
                events:
                  - type: CASE_IDENTIFIED
                    occurred_at: {column: Referral date, fallback: snapshot_date}
                    centre: {constant: MAIN}
                    details:
                      referral_source: {constant: OUTREACH}
                      exploitation_type: {constant: SEXUAL}
                  - type: CASE_CLOSED
                    when: {column: Status, in: [Closed]}
                    occurred_at: {constant: snapshot_date}
                    details:
                      reason: {constant: GOALS_MET}
            """;

    static final LocalDate SNAPSHOT = LocalDate.of(2024, 6, 30);

    @TempDir
    Path dir;

    List<ExportRecord> read(Optional<LocalDate> snapshotDate) throws Exception {
        Path csv = dir.resolve("cases.csv");
        Files.writeString(
                csv,
                String.join("\n", "Case number,Referral date,Status", "C-1,2024-01-15,Open", "C-2,,Closed") + "\n",
                StandardCharsets.UTF_8);
        List<ExportRecord> records = new ArrayList<>();
        MappedExport.open(MappingLoader.parse(MAPPING, "snapshot.yaml"), List.of(csv), snapshotDate)
                .read(records::add, new MappingObserver() {});
        return records;
    }

    static ExportRecord record(List<ExportRecord> records, String caseId, String type) {
        return records.stream()
                .filter(r -> r.readable()
                        && r.content().get("case_id").asText().equals(caseId)
                        && r.content().get("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError(caseId + " " + type + " not among "
                        + records.stream()
                                .map(r -> r.readable() ? r.content().toString() : r.toString())
                                .toList()));
    }

    @Test
    void aRecordWithoutADateOfItsOwnIsDatedByTheSnapshotAndSaysSo() throws Exception {
        List<ExportRecord> records = read(Optional.of(SNAPSHOT));

        ExportRecord closed = record(records, "c-2", "CASE_CLOSED");
        assertThat(closed.content().get("occurred_at").asText()).isEqualTo("2024-06-30");
        assertThat(closed.datedBySnapshot()).isTrue();
        ExportRecord identifiedWithoutDate = record(records, "c-2", "CASE_IDENTIFIED");
        assertThat(identifiedWithoutDate.content().get("occurred_at").asText()).isEqualTo("2024-06-30");
        assertThat(identifiedWithoutDate.datedBySnapshot()).isTrue();
    }

    @Test
    void aDateColumnWithAValueWinsOverTheSnapshotDate() throws Exception {
        ExportRecord identified = record(read(Optional.of(SNAPSHOT)), "c-1", "CASE_IDENTIFIED");

        assertThat(identified.content().get("occurred_at").asText()).isEqualTo("2024-01-15");
        assertThat(identified.datedBySnapshot()).isFalse();
    }

    @Test
    void aMappingThatDatesBySnapshotRefusesAnExportThatIsNotOneNamingItsLine() {
        assertThatThrownBy(() -> read(Optional.empty()))
                .isInstanceOf(MappingException.class)
                .hasMessage("snapshot.yaml:9: this mapping dates records by the snapshot (snapshot_date):"
                        + " ingest the export with --snapshot");
    }

    @Test
    void snapshotDateIsOnlyAValueOfDateFields() {
        String referral = MAPPING.replace("{constant: OUTREACH}", "{constant: snapshot_date}");
        assertThatThrownBy(() -> MappingLoader.parse(referral, "snapshot.yaml"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("snapshot.yaml:12:")
                .hasMessageContaining("'snapshot_date'");
    }
}
