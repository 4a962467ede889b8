package org.casetrail.jobs.options;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.casetrail.jobs.JobException;
import org.casetrail.jobs.perturbation.PerturbationSecret;

/**
 * Where a run of the job over one topic keeps its files in the warehouse: live snapshots in
 * {@code <warehouse>/live/<topic>}, checkpoints in {@code <warehouse>/checkpoints/<topic>}, the
 * perturbation secret in {@code <warehouse>/perturbation.key}. The CLI works on them as local files;
 * the job jar hands them to Flink as URIs, since its warehouse may be any of Flink's file systems.
 *
 * @param warehouse the warehouse as given: a path, or a URI ({@code file:}, {@code s3:}, ...)
 */
public record JobFolders(String warehouse, String topic) {

    private static final String LIVE = "live";
    private static final String CHECKPOINTS = "checkpoints";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    public JobFolders {
        if (warehouse.length() > 1 && warehouse.endsWith("/")) {
            warehouse = warehouse.substring(0, warehouse.length() - 1);
        }
    }

    /** The live snapshots' folder, as a URI for Flink. */
    public String live() {
        return uri(inWarehouse(LIVE));
    }

    /** The checkpoints' folder, as a URI for Flink. */
    public String checkpoints() {
        return uri(inWarehouse(CHECKPOINTS));
    }

    /** The secret's file, if the warehouse is on this machine's file system. */
    public Optional<Path> secretFile() {
        return localPath(warehouse).map(root -> root.resolve(PerturbationSecret.FILE_NAME));
    }

    /** The warehouse on this machine's file system, where the CLI stages, audits and publishes. */
    public Path localRoot() {
        return local(warehouse);
    }

    public Path localLive() {
        return local(inWarehouse(LIVE));
    }

    public Path localCheckpoints() {
        return local(inWarehouse(CHECKPOINTS));
    }

    private String inWarehouse(String folder) {
        return warehouse + "/" + folder + "/" + topic;
    }

    private Path local(String pathOrUri) {
        return localPath(pathOrUri).orElseThrow(this::notOnThisMachine);
    }

    private JobException notOnThisMachine() {
        return new JobException("the warehouse " + warehouse + " is not a folder of this machine;"
                + " casetrail works on it with files (on a cluster, a shared mount)");
    }

    /** The local file system path of a folder given as a path or a file: URI; empty for any other scheme. */
    public static Optional<Path> localPath(String pathOrUri) {
        try {
            if (!SCHEME.matcher(pathOrUri).find()) {
                return Optional.of(Path.of(pathOrUri).toAbsolutePath().normalize());
            }
            URI uri = new URI(pathOrUri.replace(" ", "%20"));
            return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw unusable(pathOrUri);
        }
    }

    /**
     * A folder as a URI with its scheme: a path becomes an absolute file: URI. The TaskManagers
     * resolve it, not this client, so a relative path would mean another folder there, and Flink
     * refuses a checkpoint folder without a scheme.
     */
    public static String uri(String pathOrUri) {
        if (SCHEME.matcher(pathOrUri).find()) {
            return pathOrUri;
        }
        try {
            String path = Path.of(pathOrUri).toAbsolutePath().normalize().toString();
            return new URI("file", null, path, null).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw unusable(pathOrUri);
        }
    }

    private static JobException unusable(String pathOrUri) {
        return new JobException("'" + pathOrUri + "' is not a usable folder name");
    }
}
