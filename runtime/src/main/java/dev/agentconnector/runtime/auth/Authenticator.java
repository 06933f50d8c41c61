package dev.agentconnector.runtime.auth;

/** Supplies the {@code Authorization} header for API requests, renewing the credential when it can. */
public interface Authenticator {
    /** The header value to send now, e.g. {@code Bearer …}; may block while a token is obtained. */
    String authorization();

    /**
     * Called when the API answered 401 to a request sent with {@code rejectedAuthorization}. Returns true when a
     * different credential is now available, so the request should be sent once more.
     */
    default boolean renewAfterRejection(String rejectedAuthorization) {
        return false;
    }
}
