package dev.agentconnector.asana;

import dev.agentconnector.runtime.auth.Credentials;

/** How a local {@link AsanaConnector} authenticates with Asana. */
public sealed interface AsanaAuthConfig permits AsanaPersonalAccessTokenAuthConfig, AsanaOauth2AuthConfig {
    /** The runtime credentials for this config. */
    Credentials toCredentials();
}
