package org.casetrail.ingest.pseudonym;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.casetrail.ingest.IngestException;

/**
 * The 256-bit secret behind every pseudonym. It lives in a file only ingest reads; what travels
 * downstream is its {@link #fingerprint()}, never the key.
 */
public final class PseudonymKey {

    public static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] key;
    private final String fingerprint;

    private PseudonymKey(byte[] key) {
        this.key = key.clone();
        this.fingerprint = fingerprintOf(key);
    }

    /** For tests and benchmarks: a key from known bytes. */
    public static PseudonymKey of(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonymization key has " + KEY_BYTES + " bytes");
        }
        return new PseudonymKey(key);
    }

    /** Writes a new random key to a file that only its owner can read. Never overwrites. */
    public static PseudonymKey create(Path file) {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        String text = HexFormat.of().formatHex(bytes) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IngestException("key file " + file + " already exists; casetrail never overwrites a key "
                    + "(the pseudonyms made with it would become unrecoverable). Choose another --key-file.");
        } catch (UnsupportedOperationException e) {
            throw new IngestException("cannot create " + file + " with owner-only permissions on this file system");
        } catch (IOException e) {
            throw new IngestException("cannot write key file " + file + ": " + e.getMessage(), e);
        }
        return new PseudonymKey(bytes);
    }

    /** Reads a key file, refusing one that others could read. */
    public static PseudonymKey load(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            EnumSet<PosixFilePermission> tooOpen = EnumSet.copyOf(permissions);
            tooOpen.removeAll(OWNER_ONLY);
            tooOpen.remove(PosixFilePermission.OWNER_EXECUTE);
            if (!tooOpen.isEmpty()) {
                throw new IngestException("key file " + file + " can be read or written by other users ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
            String text = Files.readString(file).strip();
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(text);
            } catch (IllegalArgumentException e) {
                throw new IngestException("key file " + file + " is not a casetrail key (expected 64 hex digits)");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IngestException("key file " + file + " is not a casetrail key (expected 64 hex digits)");
            }
            PseudonymKey key = new PseudonymKey(bytes);
            Arrays.fill(bytes, (byte) 0);
            return key;
        } catch (NoSuchFileException e) {
            throw new IngestException(
                    "key file " + file + " does not exist; create one with: casetrail keys init --key-file " + file);
        } catch (IOException e) {
            throw new IngestException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A public, stable name for this key: the first 16 hex digits of a domain-separated SHA-256. */
    public String fingerprint() {
        return fingerprint;
    }

    byte[] bytes() {
        return key;
    }

    private static String fingerprintOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("casetrail-key-fingerprint\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update(key);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + fingerprint + "]";
    }
}
