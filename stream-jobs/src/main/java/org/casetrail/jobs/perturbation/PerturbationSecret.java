package org.casetrail.jobs.perturbation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.casetrail.jobs.JobException;
import org.casetrail.schemas.perturbation.CellKey;

/**
 * The warehouse's perturbation secret: 256 random bits in {@code perturbation.key} at the
 * warehouse's root, made once and backed up with the warehouse. Each woman's record key is a keyed
 * hash of her case pseudonym with it, so the same woman has the same record key in every release,
 * and nobody without the secret can work out the noise of a published count. Only its
 * {@link #fingerprint()} is ever written anywhere else.
 */
public final class PerturbationSecret {

    public static final String FILE_NAME = "perturbation.key";
    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKeySpec key;
    private final String fingerprint;

    private PerturbationSecret(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.fingerprint = fingerprintOf(bytes);
    }

    /** For tests: a secret from known bytes. */
    public static PerturbationSecret of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a perturbation secret has " + BYTES + " bytes");
        }
        return new PerturbationSecret(bytes.clone());
    }

    /**
     * The secret of the warehouse at {@code root}: the one there (a restored back-up included),
     * or a new one written with owner-only permissions when the warehouse has none yet.
     */
    public static PerturbationSecret openOrCreate(Path root) {
        Path file = root.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        try {
            Files.createDirectories(root);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            return load(file);
        } catch (UnsupportedOperationException e) {
            throw new JobException("cannot create " + file + " with owner-only permissions on this file system");
        } catch (IOException e) {
            throw new JobException("cannot write the perturbation secret " + file + ": " + e.getMessage(), e);
        }
        return new PerturbationSecret(bytes);
    }

    /** Reads a secret file, refusing one that other users could read. */
    public static PerturbationSecret load(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> tooOpen = EnumSet.copyOf(permissions);
            tooOpen.removeAll(OWNER_ONLY);
            tooOpen.remove(PosixFilePermission.OWNER_EXECUTE);
            if (!tooOpen.isEmpty()) {
                throw new JobException("the perturbation secret " + file + " can be read or written by other users ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
            byte[] bytes;
            try {
                bytes = HexFormat.of()
                        .parseHex(Files.readString(file, StandardCharsets.US_ASCII)
                                .strip());
            } catch (IllegalArgumentException e) {
                throw new JobException(file + " is not a casetrail perturbation secret (expected 64 hex digits)");
            }
            if (bytes.length != BYTES) {
                throw new JobException(file + " is not a casetrail perturbation secret (expected 64 hex digits)");
            }
            return new PerturbationSecret(bytes);
        } catch (NoSuchFileException e) {
            throw new JobException("there is no perturbation secret " + file
                    + "; it is made by the first replay of a warehouse," + " or restored from the warehouse's back-up");
        } catch (IOException e) {
            throw new JobException("cannot read the perturbation secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** The woman's record key, in [1, 4096): the same in every release of this warehouse. */
    public int recordKey(String casePseudonym) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return CellKey.recordKey(mac.doFinal(casePseudonym.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A public, stable name for the secret: 16 hex digits of a domain-separated SHA-256. */
    public String fingerprint() {
        return fingerprint;
    }

    private static String fingerprintOf(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("casetrail-perturbation-secret\0".getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PerturbationSecret[" + fingerprint + "]";
    }
}
