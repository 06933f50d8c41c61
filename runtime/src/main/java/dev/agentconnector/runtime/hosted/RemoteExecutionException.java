package dev.agentconnector.runtime.hosted;

import dev.agentconnector.runtime.error.ConnectorException;

/** An operation failed in the execution service; {@link #errorType()} is the service's code for it. */
public class RemoteExecutionException extends ConnectorException {
    private final String code;
    private final int httpStatus;

    /**
     * @param code       the service's error code (the same codes as local mode's error types where they apply)
     * @param message    the service's message
     * @param httpStatus the service's HTTP status for this answer
     */
    public RemoteExecutionException(String code, String message, int httpStatus) {
        super(message);
        this.code = code == null ? "hosted_error" : code;
        this.httpStatus = httpStatus;
    }

    /** HTTP status of the service's answer. */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String errorType() {
        return code;
    }
}
