package dev.agentconnector.server.store;

/** An insert collided with an existing row of the same unique name. */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String message) {
        super(message);
    }
}
