package dev.agentconnector.runtime.error;

/** The API could not be reached or the connection failed before a complete answer arrived. */
public class TransportException extends ConnectorException {
    private final boolean mayHaveReachedServer;

    /**
     * @param message              what happened, without secrets
     * @param mayHaveReachedServer true when the request may have been processed (a write could have been applied)
     * @param cause                the I/O failure
     */
    public TransportException(String message, boolean mayHaveReachedServer, Throwable cause) {
        super(message, cause);
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /** True when the server may have received and applied the request. */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }

    @Override
    public String errorType() {
        return "transport_error";
    }
}
