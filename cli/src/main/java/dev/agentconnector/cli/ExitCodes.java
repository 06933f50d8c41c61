package dev.agentconnector.cli;

import dev.agentconnector.runtime.error.ApiException;
import dev.agentconnector.runtime.error.AuthenticationException;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.ValidationException;

/** Exit codes of {@code asana-agent}: one per kind of failure, documented in the README. */
final class ExitCodes {
    /** The operation succeeded. */
    static final int OK = 0;
    /** Asana answered with an error, or could not be reached. */
    static final int API_ERROR = 1;
    /** Bad command line or bad params (nothing was sent). */
    static final int USAGE = 2;
    /** Missing or inconsistent configuration, such as no credentials. */
    static final int CONFIG = 3;
    /** Credentials were rejected (401, or the OAuth token endpoint refused). */
    static final int AUTH = 4;
    /** A local file could not be written. */
    static final int IO = 5;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        if (e instanceof ValidationException) {
            return USAGE;
        }
        if (e instanceof ConfigurationException) {
            return CONFIG;
        }
        if (e instanceof AuthenticationException || e instanceof OAuthException) {
            return AUTH;
        }
        if (e instanceof ConnectorException) {
            return API_ERROR;
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return IO;
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return API_ERROR;
    }

    static String message(Throwable e) {
        if (e instanceof ConnectorException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " already exists; pass --overwrite or choose another path";
        }
        if (e instanceof java.io.IOException) {
            return "I/O error: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (run with --debug for details)";
    }
}
