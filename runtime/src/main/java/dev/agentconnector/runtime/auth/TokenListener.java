package dev.agentconnector.runtime.auth;

/** Receives tokens after every successful refresh, e.g. to store a rotated refresh token. */
@FunctionalInterface
public interface TokenListener {
    /** Called on the refreshing thread; exceptions are logged and do not fail the request. */
    void onTokens(OAuthTokens tokens);
}
