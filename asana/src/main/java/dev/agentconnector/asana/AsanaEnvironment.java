package dev.agentconnector.asana;

import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ConfigurationException;

import java.util.Map;

/**
 * Reads credentials and endpoints from environment variables: {@code ASANA_TOKEN} (a personal access token), or
 * {@code ASANA_REFRESH_TOKEN} with optional {@code ASANA_ACCESS_TOKEN}, {@code ASANA_CLIENT_ID} and
 * {@code ASANA_CLIENT_SECRET}; {@code ASANA_BASE_URL} and {@code ASANA_TOKEN_URL} override Asana's endpoints.
 */
public final class AsanaEnvironment {
    /** Asana's REST API. */
    public static final String DEFAULT_BASE_URL = "https://app.asana.com/api/1.0";
    /** Asana's OAuth2 token endpoint. */
    public static final String DEFAULT_TOKEN_URL = "https://app.asana.com/-/oauth_token";

    private final Map<String, String> env;

    /** Over an explicit map (tests, embedding). */
    public AsanaEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Over the process environment. */
    public static AsanaEnvironment fromSystem() {
        return new AsanaEnvironment(System.getenv());
    }

    private String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** True when any credential variable is set. */
    public boolean hasCredentials() {
        return get("ASANA_TOKEN") != null || get("ASANA_REFRESH_TOKEN") != null;
    }

    /**
     * The auth config the variables describe.
     *
     * @throws ConfigurationException naming the variables to set when none are
     */
    public AsanaAuthConfig authConfig() {
        String token = get("ASANA_TOKEN");
        String refresh = get("ASANA_REFRESH_TOKEN");
        if (token != null && refresh != null) {
            throw new ConfigurationException("both ASANA_TOKEN and ASANA_REFRESH_TOKEN are set; unset one of them "
                    + "(ASANA_TOKEN for a personal access token, ASANA_REFRESH_TOKEN for OAuth2)");
        }
        if (token != null) {
            return new AsanaPersonalAccessTokenAuthConfig(token);
        }
        if (refresh != null) {
            return new AsanaOauth2AuthConfig(get("ASANA_ACCESS_TOKEN"), refresh, get("ASANA_CLIENT_ID"),
                    get("ASANA_CLIENT_SECRET"));
        }
        throw new ConfigurationException("no Asana credentials: set ASANA_TOKEN to a personal access token "
                + "(https://app.asana.com/0/my-apps), or ASANA_REFRESH_TOKEN with ASANA_CLIENT_ID and "
                + "ASANA_CLIENT_SECRET (and optionally ASANA_ACCESS_TOKEN) for OAuth2; or try --sandbox");
    }

    /**
     * Hosted-mode settings: {@code AIRBYTE_CLIENT_ID}, {@code AIRBYTE_CLIENT_SECRET}, {@code AIRBYTE_API_URL},
     * {@code AIRBYTE_WORKSPACE_NAME} or {@code AIRBYTE_CONNECTOR_ID}, and {@code AIRBYTE_ORGANIZATION_ID}.
     *
     * @throws ConfigurationException naming the variables to set when they are missing
     */
    public AsanaHostedAuthConfig hostedAuthConfig() {
        String id = get("AIRBYTE_CLIENT_ID");
        String secret = get("AIRBYTE_CLIENT_SECRET");
        String workspace = get("AIRBYTE_WORKSPACE_NAME");
        String connector = get("AIRBYTE_CONNECTOR_ID");
        if (id == null || secret == null || (workspace == null && connector == null)) {
            throw new ConfigurationException("hosted mode needs AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (the "
                    + "application's credentials) and AIRBYTE_WORKSPACE_NAME or AIRBYTE_CONNECTOR_ID; optionally "
                    + "AIRBYTE_API_URL (default https://api.airbyte.ai) and AIRBYTE_ORGANIZATION_ID");
        }
        return new AsanaHostedAuthConfig(id, secret, workspace, connector, get("AIRBYTE_ORGANIZATION_ID"),
                get("AIRBYTE_API_URL"));
    }

    /** Applies {@code ASANA_BASE_URL} and {@code ASANA_TOKEN_URL} to a builder. */
    public ConnectorOptions.Builder options(ConnectorOptions.Builder builder) {
        return builder.baseUrl(orDefault("ASANA_BASE_URL", DEFAULT_BASE_URL))
                .tokenUrl(orDefault("ASANA_TOKEN_URL", DEFAULT_TOKEN_URL));
    }

    private String orDefault(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }
}
