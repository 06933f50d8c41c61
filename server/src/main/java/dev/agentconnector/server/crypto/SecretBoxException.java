package dev.agentconnector.server.crypto;

/** A sealed value could not be opened (wrong master key or altered data). */
public final class SecretBoxException extends RuntimeException {
    public SecretBoxException(String message) {
        super(message);
    }
}
