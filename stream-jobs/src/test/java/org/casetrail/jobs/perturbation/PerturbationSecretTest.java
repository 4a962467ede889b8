package org.casetrail.jobs.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.casetrail.jobs.JobException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbationSecretTest {

    @TempDir
    Path dir;

    @Test
    void madeOnFirstUseReadableByItsOwnerOnly() throws Exception {
        Path warehouse = dir.resolve("warehouse");
        PerturbationSecret secret = PerturbationSecret.openOrCreate(warehouse);
        Path file = warehouse.resolve("perturbation.key");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).strip()).hasSize(64).doesNotContain(secret.fingerprint());
        assertThat(secret.toString()).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void aRestoredSecretGivesEveryWomanTheSameRecordKey() throws Exception {
        Path original = dir.resolve("original");
        PerturbationSecret made = PerturbationSecret.openOrCreate(original);
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(original.resolve("perturbation.key"), restored.resolve("perturbation.key"));
        Files.setPosixFilePermissions(
                restored.resolve("perturbation.key"), PosixFilePermissions.fromString("rw-------"));
        PerturbationSecret again = PerturbationSecret.openOrCreate(restored);
        assertThat(again.fingerprint()).isEqualTo(made.fingerprint());
        for (String woman : new String[] {"a", "b", "c9f2", "a long pseudonym"}) {
            assertThat(again.recordKey(woman)).isEqualTo(made.recordKey(woman)).isBetween(1, 4095);
        }
        assertThat(PerturbationSecret.openOrCreate(dir.resolve("other")).recordKey("a long pseudonym"))
                .as("another warehouse's secret (almost surely) another key")
                .isNotEqualTo(made.recordKey("a long pseudonym"));
    }

    @Test
    void aSecretOthersCanReadIsRefusedWithTheFix() throws Exception {
        PerturbationSecret.openOrCreate(dir);
        Path file = dir.resolve("perturbation.key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PerturbationSecret.openOrCreate(dir))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("can be read or written by other users")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void somethingElseInPlaceOfTheSecretIsRefused() throws Exception {
        Path file = dir.resolve("perturbation.key");
        Files.writeString(file, "not a key\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> PerturbationSecret.load(file))
                .hasMessageContaining("is not a casetrail perturbation secret")
                .hasMessageNotContaining("not a key");
    }
}
