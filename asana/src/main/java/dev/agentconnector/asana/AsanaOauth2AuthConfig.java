package dev.agentconnector.asana;

import dev.agentconnector.runtime.auth.Credentials;

/**
 * Authenticates with OAuth2: the connector renews the access token with the refresh token whenever it is missing,
 * about to expire or rejected.
 *
 * @param accessToken  an access token to start with, or null to fetch one on the first call
 * @param refreshToken the refresh token (required)
 * @param clientId     the app's client id; sent to the token endpoint only when set
 * @param clientSecret the app's client secret; sent to the token endpoint only when set
 */
public record AsanaOauth2AuthConfig(String accessToken, String refreshToken, String clientId, String clientSecret)
        implements AsanaAuthConfig {

    /** Without an initial access token: one is fetched before the first call. */
    public static AsanaOauth2AuthConfig ofRefreshToken(String refreshToken, String clientId, String clientSecret) {
        return new AsanaOauth2AuthConfig(null, refreshToken, clientId, clientSecret);
    }

    /** The runtime credentials for this config. */
    public Credentials toCredentials() {
        return new Credentials.OAuth2(refreshToken, clientId, clientSecret, accessToken, null);
    }

    @Override
    public String toString() {
        return "AsanaOauth2AuthConfig[accessToken=" + (accessToken == null ? "none" : "****")
                + ", refreshToken=****, clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "none" : "****") + "]";
    }
}
