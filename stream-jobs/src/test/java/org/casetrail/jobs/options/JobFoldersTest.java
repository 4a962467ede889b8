package org.casetrail.jobs.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.casetrail.jobs.JobException;
import org.junit.jupiter.api.Test;

/** The warehouse's layout for one topic, as the CLI's files and as the job jar's URIs. */
class JobFoldersTest {

    @Test
    void aLocalWarehouseGivesTheSameFoldersAsFilesAndAsUris() {
        JobFolders folders = new JobFolders("/shared/my warehouse/", "case-events");
        assertThat(folders.localRoot()).isEqualTo(Path.of("/shared/my warehouse"));
        assertThat(folders.localLive()).isEqualTo(Path.of("/shared/my warehouse/live/case-events"));
        assertThat(folders.localCheckpoints()).isEqualTo(Path.of("/shared/my warehouse/checkpoints/case-events"));
        assertThat(folders.secretFile()).contains(Path.of("/shared/my warehouse/perturbation.key"));
        assertThat(folders.live()).isEqualTo("file:/shared/my%20warehouse/live/case-events");
        assertThat(Path.of(java.net.URI.create(folders.checkpoints()))).isEqualTo(folders.localCheckpoints());
    }

    @Test
    void aRelativeWarehouseIsTakenFromTheWorkingFolder() {
        JobFolders folders = new JobFolders("w", "t");
        Path here = Path.of("").toAbsolutePath();
        assertThat(folders.localLive()).isEqualTo(here.resolve("w/live/t"));
        assertThat(folders.live())
                .isEqualTo(here.resolve("w/live/t").toUri().toString().replace("file:///", "file:/"));
    }

    @Test
    void anObjectStoreWarehouseHasUrisButNoLocalFolders() {
        JobFolders folders = new JobFolders("s3://bucket/w", "t");
        assertThat(folders.live()).isEqualTo("s3://bucket/w/live/t");
        assertThat(folders.checkpoints()).isEqualTo("s3://bucket/w/checkpoints/t");
        assertThat(folders.secretFile()).isEmpty();
        assertThatThrownBy(folders::localRoot)
                .isInstanceOf(JobException.class)
                .hasMessageStartingWith("the warehouse s3://bucket/w is not a folder of this machine");
    }

    @Test
    void aFolderNameThatIsNoUriIsSaidPlainly() {
        assertThatThrownBy(() -> JobFolders.localPath("file://host/w"))
                .isInstanceOf(JobException.class)
                .hasMessage("'file://host/w' is not a usable folder name");
        assertThat(JobFolders.localPath("/w/100%")).contains(Path.of("/w/100%"));
    }
}
