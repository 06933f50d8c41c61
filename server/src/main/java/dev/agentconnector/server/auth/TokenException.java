package dev.agentconnector.server.auth;

/** A bearer token that is malformed, forged, altered or expired. */
public final class TokenException extends RuntimeException {
    private final boolean expired;

    TokenException(String message, boolean expired) {
        super(message, null, false, false);
        this.expired = expired;
    }

    /** True when the token was genuine but has expired. */
    public boolean expired() {
        return expired;
    }
}
