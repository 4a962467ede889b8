package org.casetrail.ingest;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.casetrail.ingest.mapping.MappedExport;
import org.casetrail.ingest.mapping.MappingObserver;
import org.casetrail.ingest.publish.EventLogWriter;
import org.casetrail.ingest.read.ExportReader;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;

/**
 * One ingest run: reads exports line by line, translates each record and writes it to the event
 * log or the reject channel. A bad line never stops the run; only an unreadable file or a log
 * that cannot be written does.
 */
public final class ExportIngest {

    private final RecordTranslator translator;
    private final EventLogWriter log;
    private final LongConsumer progress;
    private final Admission admission;

    /** @param progress called now and then with the bytes read so far */
    public ExportIngest(RecordTranslator translator, EventLogWriter log, LongConsumer progress) {
        this(translator, log, progress, Admission.EVERY_RECORD);
    }

    /** An ingest that writes only the records {@code admission} admits (a snapshot's difference). */
    public ExportIngest(RecordTranslator translator, EventLogWriter log, LongConsumer progress, Admission admission) {
        this.translator = translator;
        this.log = log;
        this.progress = progress;
        this.admission = admission;
    }

    /**
     * Reads exports through a mapping (docs/sources.md): each row of each table becomes records of
     * the contract, which are translated and written exactly as a contract export's are.
     */
    public IngestSummary ingest(MappedExport export) {
        IngestSummary summary = new IngestSummary();
        export.read(record -> handle(record, summary), MappingObserver.NONE);
        log.flush();
        return summary;
    }

    public IngestSummary ingest(List<Path> exports) {
        IngestSummary summary = new IngestSummary();
        long bytesBefore = 0;
        for (Path export : exports) {
            bytesBefore += ingestFile(export, summary, bytesBefore);
        }
        log.flush();
        return summary;
    }

    private long ingestFile(Path export, IngestSummary summary, long bytesBefore) {
        try (ExportReader reader = ExportReader.open(export)) {
            ExportRecord record;
            long lines = 0;
            while ((record = reader.next()) != null) {
                handle(record, summary);
                if (++lines % 4096 == 0) {
                    progress.accept(bytesBefore + reader.bytesRead());
                }
            }
            progress.accept(bytesBefore + reader.bytesRead());
            return reader.bytesRead();
        } catch (NoSuchFileException e) {
            throw new IngestException("export " + export + " does not exist");
        } catch (IOException e) {
            throw new IngestException(
                    "cannot read export " + export + ": " + e.getClass().getSimpleName());
        }
    }

    private void handle(ExportRecord record, IngestSummary summary) {
        Translation translation = translator.translate(record);
        if (translation instanceof Translation.Accepted accepted) {
            if (admission.admit(accepted.event(), record)) {
                log.append(accepted.event());
            }
            summary.countAccepted();
        } else if (translation instanceof Translation.Rejected rejected) {
            admission.rejected(rejected.reject());
            log.reject(rejected.reject());
            summary.countRejected(rejected.reject().getReason());
        }
    }
}
