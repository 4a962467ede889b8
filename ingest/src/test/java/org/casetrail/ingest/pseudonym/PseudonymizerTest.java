package org.casetrail.ingest.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.casetrail.ingest.IngestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {

    private static final byte[] KEY_A = filled(1);
    private static final byte[] KEY_B = filled(2);

    @Test
    void sameKeyAndInputGiveTheSamePseudonymOnAnyMachine() {
        Pseudonymizer p = new Pseudonymizer(PseudonymKey.of(KEY_A));
        // HMAC-SHA256 under 32 bytes of 0x01 over the length-prefixed fields ("case", "afesip-cms", "AF-2009-0042"),
        // first 16 bytes, computed independently with Python's hmac module. A change here breaks every
        // pseudonym already on a log, and with it every later release.
        assertThat(p.casePseudonym("afesip-cms", "AF-2009-0042")).isEqualTo("842c8869be496a2d0e85b50dba958520");
        assertThat(new Pseudonymizer(PseudonymKey.of(KEY_A)).casePseudonym("afesip-cms", "AF-2009-0042"))
                .isEqualTo("842c8869be496a2d0e85b50dba958520");
    }

    @Test
    void differentKeysGiveUnrelatedPseudonyms() {
        Pseudonymizer a = new Pseudonymizer(PseudonymKey.of(KEY_A));
        Pseudonymizer b = new Pseudonymizer(PseudonymKey.of(KEY_B));
        String pa = a.casePseudonym("afesip-cms", "AF-2009-0042");
        String pb = b.casePseudonym("afesip-cms", "AF-2009-0042");
        assertThat(pa).isNotEqualTo(pb);
        // Unrelated: about half of the 128 bits differ, never a shared prefix or suffix.
        assertThat(differingBits(pa, pb)).isBetween(40, 88);
    }

    @Test
    void caseIdsEventIdsAndCourtReferencesNeverCollide() {
        Pseudonymizer p = new Pseudonymizer(PseudonymKey.of(KEY_A));
        assertThat(p.casePseudonym("s", "X1"))
                .isNotEqualTo(p.eventId("s", "X1"))
                .isNotEqualTo(p.legalCaseRef("s", "X1"));
        assertThat(p.casePseudonym("ab", "c")).isNotEqualTo(p.casePseudonym("a", "bc"));
        assertThat(p.casePseudonym("other-cms", "AF-2009-0042"))
                .isNotEqualTo(p.casePseudonym("afesip-cms", "AF-2009-0042"));
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndNeverOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.key");
        PseudonymKey created = PseudonymKey.create(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
        assertThat(PseudonymKey.load(file).fingerprint()).isEqualTo(created.fingerprint());
        assertThat(created.toString()).doesNotContain(Files.readString(file).strip());
        assertThatThrownBy(() -> PseudonymKey.create(file))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("never overwrites");
    }

    @Test
    void keyFileReadableByOthersIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.key");
        PseudonymKey.create(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PseudonymKey.load(file))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void missingOrMalformedKeyFileSaysWhatToDo(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PseudonymKey.load(dir.resolve("none.key")))
                .hasMessageContaining("casetrail keys init");
        Path bad = dir.resolve("bad.key");
        Files.writeString(bad, "not a key");
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> PseudonymKey.load(bad))
                .hasMessageContaining("64 hex digits")
                .hasMessageNotContaining("not a key");
    }

    @Test
    void twoNewKeysDiffer(@TempDir Path dir) {
        assertThat(PseudonymKey.create(dir.resolve("a")).fingerprint())
                .isNotEqualTo(PseudonymKey.create(dir.resolve("b")).fingerprint());
    }

    private static int differingBits(String hexA, String hexB) {
        int bits = 0;
        for (int i = 0; i < hexA.length(); i++) {
            bits += Integer.bitCount(Character.digit(hexA.charAt(i), 16) ^ Character.digit(hexB.charAt(i), 16));
        }
        return bits;
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
