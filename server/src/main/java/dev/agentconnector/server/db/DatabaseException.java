package dev.agentconnector.server.db;

/** A database operation failed; the message names the operation, never the data. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
