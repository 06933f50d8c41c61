package dev.agentconnector.runtime.spec;

import dev.agentconnector.runtime.error.ConnectorException;

/** A connector spec is malformed; the message says where. */
public class SpecException extends ConnectorException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "spec_error";
    }
}
