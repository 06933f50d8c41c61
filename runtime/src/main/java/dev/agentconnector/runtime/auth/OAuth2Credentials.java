package dev.agentconnector.runtime.auth;

import dev.agentconnector.runtime.error.ConfigurationException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * What an {@link OAuth2Authenticator} needs. Secrets never appear in {@link #toString()}.
 *
 * @param tokenUrl     OAuth2 token endpoint
 * @param refreshToken long-lived refresh token (required)
 * @param clientId     app client id, or null (then not sent)
 * @param clientSecret app client secret, or null (then not sent)
 * @param accessToken  an access token to start with, or null (then one is fetched before the first call)
 * @param expiresAt    when {@code accessToken} expires, or null when unknown (then it is used until a 401)
 * @param refreshSkew  how long before expiry a token is renewed
 */
public record OAuth2Credentials(URI tokenUrl, String refreshToken, String clientId, String clientSecret,
                                String accessToken, Instant expiresAt, Duration refreshSkew) {

    public OAuth2Credentials {
        if (tokenUrl == null) {
            throw new ConfigurationException("OAuth2 needs a token URL");
        }
        refreshToken = BearerTokenAuthenticator.checkToken(refreshToken, "refresh token");
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        accessToken = blankToNull(accessToken);
        refreshSkew = refreshSkew == null ? Duration.ofSeconds(60) : refreshSkew;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "OAuth2Credentials[tokenUrl=" + tokenUrl + ", refreshToken=****, clientId="
                + (clientId == null ? "none" : clientId) + ", clientSecret=" + (clientSecret == null ? "none" : "****")
                + ", accessToken=" + (accessToken == null ? "none" : "****") + ", expiresAt=" + expiresAt + "]";
    }
}
