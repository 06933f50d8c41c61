package dev.agentconnector.runtime.error;

/** Root of every exception the connector throws; unchecked. */
public abstract class ConnectorException extends RuntimeException {
    protected ConnectorException(String message) {
        super(message);
    }

    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable snake_case code for this kind of failure, e.g. {@code not_found}. */
    public abstract String errorType();
}
