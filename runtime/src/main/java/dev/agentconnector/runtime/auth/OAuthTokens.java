package dev.agentconnector.runtime.auth;

import java.time.Instant;

/**
 * Tokens obtained from a refresh, handed to a {@link TokenListener} so the caller can persist them.
 *
 * @param accessToken  the new access token
 * @param refreshToken the refresh token now in force (the same one when the server did not rotate it)
 * @param expiresAt    when the access token expires, or null when the server did not say
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "OAuthTokens[accessToken=****, refreshToken=****, expiresAt=" + expiresAt + "]";
    }
}
