package dev.agentconnector.runtime.auth;

import java.util.function.Supplier;

/**
 * Coordinates OAuth refreshes of one credential across processes that share it (several service instances on
 * one database). The authenticator already refreshes once per process; a coordinator makes it once per credential.
 */
@FunctionalInterface
public interface RefreshCoordinator {
    /**
     * Called with the access token the caller found stale (null when it had none). Under a guard that excludes the
     * other processes (a row lock, say), either return fresher tokens that another process already stored, or call
     * {@code refresh} (which asks the token endpoint) and store its result before releasing the guard.
     */
    OAuthTokens coordinate(String staleAccessToken, Supplier<OAuthTokens> refresh);
}
