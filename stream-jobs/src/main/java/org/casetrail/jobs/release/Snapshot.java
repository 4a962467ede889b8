package org.casetrail.jobs.release;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.casetrail.jobs.disclosure.DisclosureControl;
import org.casetrail.jobs.disclosure.InformationLoss;
import org.casetrail.jobs.disclosure.ProtectionMethod;
import org.casetrail.jobs.disclosure.PublishedCell;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.DisclosureSettings;
import org.casetrail.schemas.release.LevelLoss;
import org.casetrail.schemas.release.SnapshotSummary;
import org.casetrail.schemas.release.SnapshotSummaryCodec;
import org.casetrail.schemas.release.TableSummary;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.schemas.table.Tables;

/**
 * Writes one complete set of warehouse tables as Parquet, from the cells and journeys the job
 * holds: disclosure control applied to every published table, the restricted tables beside them,
 * and {@code snapshot.json} ({@link SnapshotSummary}) saying what it describes. A table without rows gets no file, so no
 * empty part file is ever published.
 *
 * <p>Everything is written through Flink's {@link FileSystem}, so a folder may be a local path, a
 * {@code file://} URI on a mount every TaskManager shares, or an object store with Flink's plugin
 * ({@code s3://...}). Restricted files are locked down to their owner on a local file system only:
 * an object store has no POSIX permissions, and its access is the bucket's policy.
 */
public final class Snapshot {

    /** One case's latest journey row and testimonies, as Avro bytes; its inclusion for the counts. */
    public record Journey(String inclusion, byte[] row, byte[][] testimonies) {}

    private Snapshot() {}

    /**
     * Writes the tables into {@code dir} (which must not hold tables yet) and returns the
     * summary written beside them.
     */
    public static SnapshotSummary write(
            Path dir,
            List<OutcomeCell> cells,
            Map<String, Journey> journeys,
            DisclosureSettings settings,
            String asOf,
            long eventsSeen,
            UnfoldedRecords unfolded,
            long sequence)
            throws IOException {
        return write(dir.toUri().toString(), cells, journeys, settings, asOf, eventsSeen, unfolded, sequence);
    }

    /**
     * Writes the tables into the folder {@code dir} names (a path or a URI such as {@code file:///shared/w/...}
     * or {@code s3://bucket/w/...}; it must not hold tables yet) and returns the summary written beside them.
     */
    public static SnapshotSummary write(
            String dir,
            List<OutcomeCell> cells,
            Map<String, Journey> journeys,
            DisclosureSettings settings,
            String asOf,
            long eventsSeen,
            UnfoldedRecords unfolded,
            long sequence)
            throws IOException {
        return write(
                new org.apache.flink.core.fs.Path(dir),
                cells,
                journeys,
                settings,
                asOf,
                eventsSeen,
                unfolded,
                sequence);
    }

    private static SnapshotSummary write(
            org.apache.flink.core.fs.Path dir,
            List<OutcomeCell> cells,
            Map<String, Journey> journeys,
            DisclosureSettings settings,
            String asOf,
            long eventsSeen,
            UnfoldedRecords unfolded,
            long sequence)
            throws IOException {
        FileSystem fs = dir.getFileSystem();
        fs.mkdirs(dir);
        List<Journey> sorted = byCase(journeys);
        // The journeys and testimonies take no disclosure control: a second thread writes them while
        // this one protects and writes the cells. Nothing else of a replay runs by now, so the second
        // core would otherwise stand idle; each file is still written by one thread, byte for byte
        // as before.
        FutureTask<Void> journeyFiles = new FutureTask<>(() -> {
            writeJourneys(dir, sorted);
            return null;
        });
        Thread journeyWriter = new Thread(journeyFiles, "casetrail journey files");
        journeyWriter.setDaemon(true);
        journeyWriter.start();
        Map<String, TableSummary> tables = new LinkedHashMap<>();
        Map<String, Map<String, LevelLoss>> loss = new LinkedHashMap<>();
        try {
            writeCells(dir, cells, settings, tables, loss);
        } finally {
            // Never return, or fail, while the other thread still writes into the folder.
            awaitQuietly(journeyWriter);
        }
        try {
            journeyFiles.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the journey files were written");
        }
        long included = 0;
        long notYetIdentified = 0;
        long withoutConsent = 0;
        long testimonies = 0;
        for (Journey journey : sorted) {
            switch (journey.inclusion()) {
                case "INCLUDED" -> included++;
                case "NOT_YET_IDENTIFIED" -> notYetIdentified++;
                default -> withoutConsent++;
            }
            testimonies += journey.testimonies().length;
        }
        CaseCounts cases = new CaseCounts(
                sorted.size(), included, notYetIdentified, withoutConsent, testimonies, unfolded.erasures());

        SnapshotSummary summary = new SnapshotSummary(
                sequence,
                asOf == null ? null : LocalDate.parse(asOf),
                eventsSeen,
                unfolded,
                settings,
                cases,
                tables,
                loss);
        try (OutputStream out = fs.create(
                new org.apache.flink.core.fs.Path(dir, SnapshotSummary.FILE_NAME), FileSystem.WriteMode.OVERWRITE)) {
            SnapshotSummaryCodec.write(summary, out);
        }
        localPath(dir).ifPresent(local -> {
            try {
                RestrictedFiles.lockDown(local.resolve("restricted"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return summary;
    }

    /** Disclosure control over the cells, and the published and restricted tables it gives. */
    private static void writeCells(
            org.apache.flink.core.fs.Path dir,
            List<OutcomeCell> cells,
            DisclosureSettings settings,
            Map<String, TableSummary> tables,
            Map<String, Map<String, LevelLoss>> loss)
            throws IOException {
        ProtectionMethod method = ProtectionMethod.of(settings);
        List<OutcomeCell> rows = method.rows(cells);
        DisclosureControl.Release release = method.apply(rows);
        for (TableSpec spec : Tables.SUPPRESSED) {
            Schema schema = spec.avroSchema();
            List<GenericRecord> published = new ArrayList<>();
            for (PublishedCell cell : release.tables().get(spec)) {
                published.add(TableRows.published(spec, schema, cell));
            }
            write(dir, spec, schema, published);
            Schema rawSchema = spec.unsuppressed().avroSchema();
            List<OutcomeCell> ofTable = rows.stream()
                    .filter(c -> c.table.equals(spec.name()))
                    .sorted(Comparator.comparing(OutcomeCell::cellId))
                    .toList();
            List<GenericRecord> raw = new ArrayList<>();
            for (OutcomeCell cell : ofTable) {
                raw.add(TableRows.unsuppressed(spec, rawSchema, cell));
            }
            write(dir, spec.unsuppressed(), rawSchema, raw);
            tables.put(
                    spec.name(),
                    new TableSummary(
                            published.size(),
                            release.suppressed(spec, PublishedCell.Suppression.PRIMARY),
                            release.suppressed(spec, PublishedCell.Suppression.SECONDARY)));
            loss.put(
                    spec.name(),
                    InformationLoss.of(spec, ofTable, release.tables().get(spec)));
        }
    }

    /** The restricted journeys and testimonies, in the order of {@code sorted}. */
    private static void writeJourneys(org.apache.flink.core.fs.Path dir, List<Journey> sorted) throws IOException {
        Schema journeySchema = Tables.CASE_JOURNEYS.avroSchema();
        Schema testimonySchema = Tables.TESTIMONIES.avroSchema();
        // Row by row, decoded as they are written: a whole table of decoded journeys would double what a replay holds.
        RowBytes journeyBytes = new RowBytes(journeySchema);
        RowBytes testimonyBytes = new RowBytes(testimonySchema);
        write(
                dir,
                Tables.CASE_JOURNEYS,
                journeySchema,
                () -> sorted.stream()
                        .filter(j -> j.row() != null)
                        .map(j -> journeyBytes.decode(j.row()))
                        .iterator());
        write(
                dir,
                Tables.TESTIMONIES,
                testimonySchema,
                () -> sorted.stream()
                        .flatMap(j -> Arrays.stream(j.testimonies()))
                        .map(testimonyBytes::decode)
                        .iterator());
    }

    /**
     * The journeys in the order of their case pseudonyms, so the same state always writes the same
     * bytes: one sort of an array, where a tree map of ten million events' women spent a third of
     * the release task inserting into the tree.
     */
    private static List<Journey> byCase(Map<String, Journey> journeys) {
        List<Map.Entry<String, Journey>> entries = new ArrayList<>(journeys.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<Journey> sorted = new ArrayList<>(entries.size());
        for (Map.Entry<String, Journey> entry : entries) {
            sorted.add(entry.getValue());
        }
        return sorted;
    }

    private static void awaitQuietly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a numbered snapshot under {@code root} and makes it appear, complete, by one rename. */
    public static Path writeNumbered(
            Path root,
            List<OutcomeCell> cells,
            Map<String, Journey> journeys,
            DisclosureSettings settings,
            String asOf,
            long eventsSeen,
            UnfoldedRecords unfolded,
            long sequence)
            throws IOException {
        writeNumbered(root.toUri().toString(), cells, journeys, settings, asOf, eventsSeen, unfolded, sequence);
        return root.resolve(String.format("%09d", sequence));
    }

    /**
     * Writes a numbered snapshot under the folder {@code root} names (a path or a URI) and makes it
     * appear, complete, by one rename of its {@code .writing-N} folder: atomic on a local or shared
     * POSIX file system; on an object store a rename is a copy, so a reader listing the root could
     * see a snapshot half-copied (readers of live snapshots need a POSIX path for now).
     *
     * @return the snapshot's folder, as a URI string
     */
    public static String writeNumbered(
            String root,
            List<OutcomeCell> cells,
            Map<String, Journey> journeys,
            DisclosureSettings settings,
            String asOf,
            long eventsSeen,
            UnfoldedRecords unfolded,
            long sequence)
            throws IOException {
        org.apache.flink.core.fs.Path rootPath = new org.apache.flink.core.fs.Path(root);
        FileSystem fs = rootPath.getFileSystem();
        String name = String.format("%09d", sequence);
        org.apache.flink.core.fs.Path writing = new org.apache.flink.core.fs.Path(rootPath, ".writing-" + name);
        org.apache.flink.core.fs.Path done = new org.apache.flink.core.fs.Path(rootPath, name);
        fs.delete(writing, true);
        write(writing, cells, journeys, settings, asOf, eventsSeen, unfolded, sequence);
        fs.delete(done, true);
        var local = localPath(rootPath);
        if (local.isPresent()) {
            Files.move(
                    local.get().resolve(".writing-" + name), local.get().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } else if (!fs.rename(writing, done)) {
            throw new IOException("cannot rename " + writing + " to " + done);
        }
        return done.toUri().toString();
    }

    /** The java.nio path of a folder on the local file system (a shared mount included), empty for any other scheme. */
    private static Optional<Path> localPath(org.apache.flink.core.fs.Path path) throws IOException {
        URI uri = path.makeQualified(path.getFileSystem()).toUri();
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    private static void write(
            org.apache.flink.core.fs.Path dir, TableSpec spec, Schema schema, Iterable<GenericRecord> rows)
            throws IOException {
        Iterator<GenericRecord> next = rows.iterator();
        if (!next.hasNext()) {
            // Never an empty part file: DuckDB would scan the table's folder with one thread (duckdb#10112).
            return;
        }
        org.apache.flink.core.fs.Path folder = new org.apache.flink.core.fs.Path(dir, spec.folder());
        folder.getFileSystem().mkdirs(folder);
        // Overwrite: a BATCH region restarted after a TaskManager failure writes the same rows again.
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        new FlinkOutputFile(new org.apache.flink.core.fs.Path(folder, "part-0.parquet")))
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                // Nothing to read from Hadoop's default resources, slow to load (bench/PROFILE.md, phase 2).
                .withConf(new org.apache.hadoop.conf.Configuration(false))
                .build()) {
            while (next.hasNext()) {
                writer.write(next.next());
            }
        }
    }
}
