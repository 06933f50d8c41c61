package dev.agentconnector.asana.openapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the optional source documents the facts were extracted from. They are not part of the repository: where
 * they are present, tests check the committed facts against them; where they are not, those checks are skipped.
 *
 * <p>Looked up in the directory named by the {@value #ENV} environment variable (or the {@value #PROPERTY} system
 * property), else in {@code shared/reference/} of the working directory or any of its parents.
 */
public final class ReferenceFiles {
    /** Environment variable naming the folder that holds the source documents. */
    public static final String ENV = "ASANA_REFERENCE_DIR";
    /** System property naming the folder that holds the source documents (wins over {@value #ENV}). */
    public static final String PROPERTY = "asana.reference.dir";
    /** Asana's OpenAPI document. */
    public static final String OPENAPI = "asana-openapi.yaml";
    /** The reference connector's operation list. */
    public static final String OPERATIONS = "reference-connector-operations.json";
    /** The document whose curl examples the service's tests run. */
    public static final String SEED = "seed-asana-authentication-and-configuration.md";

    private ReferenceFiles() {
    }

    /** The file, if the configured folder or a {@code shared/reference/} above the working directory holds it. */
    public static Optional<Path> find(String name) {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            Path candidate = Path.of(configured).resolve(name);
            return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why a check against {@code name} is skipped: where it was looked for and how to point at it. */
    public static String notFound(String name) {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        String where = configured != null && !configured.isBlank()
                ? "in " + configured + " (" + ENV + ")"
                : "in shared/reference/ above " + Path.of("").toAbsolutePath().normalize();
        return name + " not found " + where + "; set " + ENV + " to the folder that holds it to run this check";
    }
}
