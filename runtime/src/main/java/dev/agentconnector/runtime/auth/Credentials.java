package dev.agentconnector.runtime.auth;

/** How a local connector authenticates: a fixed bearer token, or OAuth2 with a refresh token. */
public sealed interface Credentials permits Credentials.Bearer, Credentials.OAuth2 {

    /** A fixed bearer token (for Asana, a personal access token). */
    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[token=****]";
        }
    }

    /** OAuth2 refresh-token credentials; the token URL comes from the options or the spec when null. */
    record OAuth2(String refreshToken, String clientId, String clientSecret, String accessToken,
                  java.time.Instant accessTokenExpiresAt) implements Credentials {
        @Override
        public String toString() {
            return "OAuth2[refreshToken=****, clientId=" + (clientId == null ? "none" : clientId)
                    + ", clientSecret=" + (clientSecret == null ? "none" : "****")
                    + ", accessToken=" + (accessToken == null ? "none" : "****") + "]";
        }
    }
}
