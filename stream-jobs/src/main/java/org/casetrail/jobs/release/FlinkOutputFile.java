package org.casetrail.jobs.release;

import java.io.IOException;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet file written through Flink's {@link FileSystem}: the local disk, a shared mount, or an
 * object store with Flink's plugin (s3://), whatever the path's scheme says. Parquet's own Hadoop
 * file system is not used, so a cluster needs no Hadoop configuration to write snapshots. The
 * footer is written in the same order by every JVM ({@link OrderedFooterStream}).
 */
final class FlinkOutputFile implements OutputFile {

    private final Path path;

    FlinkOutputFile(Path path) {
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(FileSystem.WriteMode.NO_OVERWRITE);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(FileSystem.WriteMode.OVERWRITE);
    }

    private PositionOutputStream open(FileSystem.WriteMode mode) throws IOException {
        // Always a new file, so the stream's own count of bytes is the position.
        return new OrderedFooterStream(path.getFileSystem().create(path, mode), path.toString());
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
