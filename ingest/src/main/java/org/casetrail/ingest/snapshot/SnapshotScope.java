package org.casetrail.ingest.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.read.ExportReader;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.VoidDetails;

/**
 * What a snapshot is the whole state of: its sources, and the records that voids in the snapshot
 * itself take out of it. Known before the log is read, so that the log's records can be compared
 * with the snapshot's as they stream past.
 */
public final class SnapshotScope {

    private final Set<String> sources;
    private final Set<RecordKey> voided;

    private SnapshotScope(Set<String> sources, Set<RecordKey> voided) {
        this.sources = Collections.unmodifiableSet(new TreeSet<>(sources));
        this.voided = Set.copyOf(voided);
    }

    /** A mapped export: the mapping's one source, and no voids (a mapping makes none). */
    public static SnapshotScope ofSource(String source) {
        return new SnapshotScope(Set.of(source), Set.of());
    }

    /**
     * Contract exports, whose every record names its source: read once through for the sources they
     * name and the records their voids name, each void translated as ingest will translate it.
     */
    public static SnapshotScope ofContractExports(List<Path> files, RecordTranslator translator) {
        Set<String> sources = new HashSet<>();
        Set<RecordKey> voided = new HashSet<>();
        for (Path file : files) {
            try (ExportReader reader = ExportReader.open(file)) {
                ExportRecord record;
                while ((record = reader.next()) != null) {
                    JsonNode content = record.readable() ? record.content() : null;
                    if (content == null || !content.isObject()) {
                        continue;
                    }
                    if (content.path("source").isTextual()) {
                        sources.add(content.path("source").asText());
                    }
                    if (EventType.EVENT_VOIDED
                                    .name()
                                    .equals(content.path("type").asText(null))
                            && translator.translate(record) instanceof Translation.Accepted accepted
                            && accepted.event().getDetails() instanceof VoidDetails details) {
                        voided.add(RecordKey.of(accepted.event().getCasePseudonym(), details.getVoidedEventId()));
                    }
                }
            } catch (NoSuchFileException e) {
                throw new IngestException("export " + file + " does not exist");
            } catch (IOException e) {
                throw new IngestException(
                        "cannot read export " + file + ": " + e.getClass().getSimpleName());
            }
        }
        return new SnapshotScope(sources, voided);
    }

    /** The sources, in alphabetical order. */
    public Set<String> sources() {
        return sources;
    }

    /** The records that voids in the snapshot take out of it. */
    Set<RecordKey> voided() {
        return voided;
    }

    /** The difference of the snapshot from what the log holds of its sources. */
    public SnapshotDifference differenceFrom(LogHoldings held) {
        return new SnapshotDifference(held, voided);
    }
}
