package dev.agentconnector.runtime.hosted;

import dev.agentconnector.runtime.error.ConfigurationException;

/**
 * Where and as whom a hosted connector executes: the execution service's URL, the application's client id and
 * secret, and which connector (by id, or by workspace name and connector definition). Secrets never appear in
 * {@link #toString()}.
 *
 * @param apiUrl         the service's base URL, e.g. {@code https://api.airbyte.ai}
 * @param clientId       application client id
 * @param clientSecret   application client secret
 * @param workspaceName  workspace (end customer) whose connector to use, or null when {@code connectorId} is set
 * @param connectorId    the connector's id, or null to look it up by workspace and definition
 * @param organizationId sent as {@code X-Organization-Id} when set
 * @param definitionId   connector definition id used for the lookup
 */
public record HostedConfig(String apiUrl, String clientId, String clientSecret, String workspaceName,
                           String connectorId, String organizationId, String definitionId) {

    /** The default service URL. */
    public static final String DEFAULT_API_URL = "https://api.airbyte.ai";

    public HostedConfig {
        apiUrl = blankToNull(apiUrl) == null ? DEFAULT_API_URL : stripSlash(apiUrl.strip());
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        workspaceName = blankToNull(workspaceName);
        connectorId = blankToNull(connectorId);
        organizationId = blankToNull(organizationId);
        if (clientId == null || clientSecret == null) {
            throw new ConfigurationException("hosted mode needs the application's client id and client secret");
        }
        if (workspaceName == null && connectorId == null) {
            throw new ConfigurationException("hosted mode needs a connector id, or a workspace name (external user "
                    + "id) to look the connector up by");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "HostedConfig[apiUrl=" + apiUrl + ", clientId=" + clientId + ", clientSecret=****, workspaceName="
                + workspaceName + ", connectorId=" + connectorId + ", organizationId=" + organizationId + "]";
    }
}
