package dev.agentconnector.asana;

import dev.agentconnector.runtime.auth.Credentials;

/**
 * Authenticates with an Asana personal access token (create one at https://app.asana.com/0/my-apps).
 *
 * @param token the personal access token
 */
public record AsanaPersonalAccessTokenAuthConfig(String token) implements AsanaAuthConfig {
    /** The runtime credentials for this config. */
    public Credentials toCredentials() {
        return new Credentials.Bearer(token);
    }

    @Override
    public String toString() {
        return "AsanaPersonalAccessTokenAuthConfig[token=****]";
    }
}
