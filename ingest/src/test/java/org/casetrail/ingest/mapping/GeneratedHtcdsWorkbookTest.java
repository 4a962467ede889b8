package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.synthetic.HtcdsCase;
import org.casetrail.ingest.synthetic.HtcdsWorkbook;
import org.casetrail.ingest.synthetic.SyntheticExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped mapping reads the workbook {@code generate --format htcds-xlsx} writes, every row of it. */
class GeneratedHtcdsWorkbookTest {

    @TempDir
    Path dir;

    /** The case identity the mapping makes of her names and birth date (docs/sources.md, "Case identity"). */
    static String caseId(HtcdsCase woman) {
        return JsonNodeFactory.instance
                .arrayNode()
                .add(woman.givenName().toLowerCase(Locale.ROOT))
                .add(woman.familyName().toLowerCase(Locale.ROOT))
                .add(woman.dateOfBirth() == null ? "" : woman.dateOfBirth().toString())
                .toString();
    }

    @Test
    void everyGeneratedRowIsReadWithoutARejectAndEachWomanIsIdentifiedAsWritten() throws Exception {
        Path file = dir.resolve("cases.xlsx");
        List<HtcdsCase> women = new ArrayList<>();
        HtcdsWorkbook.Written written =
                HtcdsWorkbook.write(SyntheticExport.Settings.defaults(750, 11), file, women::add);
        Mapping mapping = MappingLoader.load(HtcdsTemplateWorkbook.shippedMapping("htcds-v2-excel.yaml"));

        MappingCheck check =
                MappingCheck.run(MappedExport.open(mapping, List.of(file), Optional.of(written.snapshotDate())));
        assertThat(check.report())
                .contains("rejects: 0")
                .noneMatch(line -> line.startsWith("labels no value map names"))
                .noneMatch(line -> line.startsWith("record ids made twice"));

        Map<String, ExportRecord> identified = new HashMap<>();
        List<ExportRecord> records = new ArrayList<>();
        MappedExport.open(mapping, List.of(file), Optional.of(written.snapshotDate()))
                .read(records::add, MappingObserver.NONE);
        for (ExportRecord record : records) {
            if (record.content().get("type").asText().equals("CASE_IDENTIFIED")) {
                assertThat(identified.put(record.content().get("case_id").asText(), record))
                        .as("one identification per woman")
                        .isNull();
            }
        }
        assertThat(identified).hasSize(750);
        assertThat(records).hasSize((int) (written.services()
                + written.followUps()
                + 750
                + women.stream().filter(w -> w.researchConsent() != null).count()
                + women.stream().filter(w -> w.closedOn() != null).count()));
        for (HtcdsCase woman : women) {
            ExportRecord record = identified.get(caseId(woman));
            assertThat(record).as("woman %s", caseId(woman)).isNotNull();
            assertThat(record.content().get("occurred_at").asText())
                    .isEqualTo(woman.identifiedOn().toString());
            assertThat(record.content().at("/details/exploitation_type").asText())
                    .isEqualTo(woman.exploitation());
            assertThat(record.content().at("/details/referral_source").asText()).isEqualTo(woman.referralSource());
            assertThat(record.content().at("/person/date_of_birth").asText(null))
                    .isEqualTo(
                            woman.dateOfBirth() == null
                                    ? null
                                    : woman.dateOfBirth().toString());
        }
        assertThat(women).anyMatch(w -> w.dateOfBirth() == null);
        assertThat(women).anyMatch(w -> w.identifiedOn().equals(written.snapshotDate()));
        assertThat(women).anyMatch(w -> Boolean.FALSE.equals(w.researchConsent()));
        assertThat(women).anyMatch(w -> "MOVED_AWAY".equals(w.closureReason()));
    }
}
