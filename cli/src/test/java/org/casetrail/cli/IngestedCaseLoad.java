package org.casetrail.cli;

import java.nio.file.Path;
import java.util.List;
import org.casetrail.ingest.IngestSummary;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.synthetic.SyntheticExport;

/**
 * A generated case-load, pseudonymized with a new key and ingested into a broker's case-events
 * topic (three partitions): what the tests that replay a realistic log start from.
 *
 * @param export the export it was read from, {@code export.jsonl} in the folder given
 * @param key    the pseudonymization key, {@code k.key} in the folder given
 */
record IngestedCaseLoad(Path export, Path key, IngestSummary ingested) {

    static IngestedCaseLoad ingest(String bootstrapServers, Path dir, int cases, long seed) throws Exception {
        Path export = dir.resolve("export.jsonl");
        SyntheticExport.write(SyntheticExport.Settings.defaults(cases, seed), export, SyntheticExport.Format.JSONL);
        Path key = dir.resolve("k.key");
        PseudonymKey.create(key);
        return new IngestedCaseLoad(
                export, key, IngestCommand.ingest(bootstrapServers, key, "case-events", 3, List.of(export)));
    }
}
