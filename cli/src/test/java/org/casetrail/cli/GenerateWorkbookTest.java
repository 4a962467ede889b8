package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingCheck;
import org.casetrail.ingest.mapping.MappingLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --format htcds-xlsx}: a workbook the shipped mapping reads without a reject, with
 * the snapshot date to ingest it by; the same flags twice, the same bytes; a usage error for a file
 * name that is no workbook's. The demo bundles the same mapping the repository ships.
 */
class GenerateWorkbookTest {

    @TempDir
    Path dir;

    @Test
    void theWorkbookSaysItsSnapshotDateAndTheShippedMappingReadsAllOfIt() throws Exception {
        Path workbook = dir.resolve("cases.xlsx");
        CliRun run = CliRun.of(
                "generate", "--cases", "300", "--seed", "3", "--format", "htcds-xlsx", "--out", workbook.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("300 cases on its Case Sheet")
                .contains("snapshot date 2009-12-31")
                .contains("--mapping mappings/htcds-v2-excel.yaml --snapshot-date 2009-12-31");

        Path again = dir.resolve("again.xlsx");
        CliRun.of("generate", "--cases", "300", "--seed", "3", "--format", "htcds-xlsx", "--out", again.toString());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(workbook));

        Path shipped = HtcdsWorkbookIngestTest.MAPPING;
        List<String> report = MappingCheck.run(MappedExport.open(
                        MappingLoader.load(shipped),
                        List.of(workbook),
                        Optional.of(java.time.LocalDate.of(2009, 12, 31))))
                .report();
        assertThat(report).contains("rejects: 0");
        try (var bundled = DemoCommand.class.getResourceAsStream("/mappings/htcds-v2-excel.yaml")) {
            assertThat(bundled).as("the mapping bundled for demo").isNotNull();
            assertThat(bundled.readAllBytes()).isEqualTo(Files.readAllBytes(shipped));
        }
    }

    @Test
    void aWorkbookMustBeWrittenToAnXlsxFile() {
        CliRun run = CliRun.of(
                "generate",
                "--cases",
                "10",
                "--seed",
                "1",
                "--format",
                "htcds-xlsx",
                "--out",
                dir.resolve("cases.csv").toString());
        assertThat(run.status()).isEqualTo(Casetrail.USAGE);
        assertThat(run.err()).contains("--format htcds-xlsx writes a workbook: --out must end in .xlsx");
        assertThat(dir.resolve("cases.csv")).doesNotExist();
    }
}
