package dev.agentconnector.asana;

import dev.agentconnector.runtime.hosted.HostedConfig;

/**
 * Hosted mode: the Asana credentials live in a connector execution service, and this connector executes on one
 * of its connectors with an application's client id and secret. Name the connector by id, or by the workspace
 * (end customer) it belongs to; {@code externalUserId} is accepted as an alias of the workspace name.
 *
 * @param clientId       the application's client id
 * @param clientSecret   the application's client secret
 * @param workspaceName  the workspace whose Asana connector to use, or null when {@code connectorId} is given
 * @param connectorId    the connector id, or null to look it up by workspace
 * @param organizationId sent as {@code X-Organization-Id} when set
 * @param apiUrl         the service URL, or null for {@link HostedConfig#DEFAULT_API_URL}
 */
public record AsanaHostedAuthConfig(String clientId, String clientSecret, String workspaceName, String connectorId,
                                    String organizationId, String apiUrl) implements AsanaAuthConfig {

    /** The reference's definition id of the Asana connector, used to find a workspace's Asana connector. */
    public static final String DEFINITION_ID = "d0243522-dccf-4978-8ba0-37ed47a0bdbf";

    /** For a workspace's connector (the workspace name is also called the external user id). */
    public static AsanaHostedAuthConfig forWorkspace(String clientId, String clientSecret, String workspaceName) {
        return new AsanaHostedAuthConfig(clientId, clientSecret, workspaceName, null, null, null);
    }

    /** For a connector by id. */
    public static AsanaHostedAuthConfig forConnector(String clientId, String clientSecret, String connectorId) {
        return new AsanaHostedAuthConfig(clientId, clientSecret, null, connectorId, null, null);
    }

    /** A copy pointing at another service URL (e.g. a self-hosted {@code asana-agent serve}). */
    public AsanaHostedAuthConfig withApiUrl(String url) {
        return new AsanaHostedAuthConfig(clientId, clientSecret, workspaceName, connectorId, organizationId, url);
    }

    /** A copy that sends {@code X-Organization-Id}. */
    public AsanaHostedAuthConfig withOrganizationId(String id) {
        return new AsanaHostedAuthConfig(clientId, clientSecret, workspaceName, connectorId, id, apiUrl);
    }

    /** The runtime's hosted configuration. */
    public HostedConfig toHostedConfig() {
        return new HostedConfig(apiUrl, clientId, clientSecret, workspaceName, connectorId, organizationId,
                DEFINITION_ID);
    }

    @Override
    public String toString() {
        return "AsanaHostedAuthConfig[clientId=" + clientId + ", clientSecret=****, workspaceName=" + workspaceName
                + ", connectorId=" + connectorId + ", organizationId=" + organizationId + ", apiUrl=" + apiUrl + "]";
    }
}
