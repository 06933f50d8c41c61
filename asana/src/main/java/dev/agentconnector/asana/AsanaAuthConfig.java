package dev.agentconnector.asana;

/**
 * How an {@link AsanaConnector} reaches Asana: locally with a personal access token or OAuth2 credentials, or
 * through a connector execution service (hosted mode).
 */
public sealed interface AsanaAuthConfig
        permits AsanaPersonalAccessTokenAuthConfig, AsanaOauth2AuthConfig, AsanaHostedAuthConfig {
}
