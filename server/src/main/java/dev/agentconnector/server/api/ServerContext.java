package dev.agentconnector.server.api;

import dev.agentconnector.server.ServerConfig;
import dev.agentconnector.server.auth.AccessTokens;
import dev.agentconnector.server.connectors.CredentialChecker;
import dev.agentconnector.server.connectors.CredentialVault;
import dev.agentconnector.server.connectors.ExecutorCache;
import dev.agentconnector.server.connectors.HostedContextStore;
import dev.agentconnector.server.connectors.OAuthTokenClient;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.metrics.ServerMetrics;
import dev.agentconnector.server.store.ApplicationStore;
import dev.agentconnector.server.store.ConnectorStore;
import dev.agentconnector.server.store.OAuthAppStore;
import dev.agentconnector.server.store.OAuthStateStore;
import dev.agentconnector.server.store.RedirectHostStore;
import dev.agentconnector.server.store.WorkspaceStore;

import java.time.Clock;

/**
 * Everything the endpoints share.
 *
 * @param publicUrl    the URL browsers reach this service at, without a trailing slash
 * @param metricsToken a static token accepted by {@code /metrics}, or null
 */
public record ServerContext(ServerConfig config, Clock clock, Database db, ApplicationStore applications,
                            WorkspaceStore workspaces, ConnectorStore connectors, OAuthAppStore oauthApps,
                            OAuthStateStore oauthStates, RedirectHostStore redirectHosts, CredentialVault vault, AccessTokens tokens,
                            CredentialChecker checker, ExecutorCache executors, OAuthTokenClient tokenClient,
                            ServerMetrics metrics, String publicUrl, String metricsToken,
                            HostedContextStore contextStore) {

    /** Where Asana sends the browser back after consent. */
    public String oauthCallbackUrl() {
        return publicUrl + OAuthEndpoints.CALLBACK;
    }

    @Override
    public String toString() {
        return "ServerContext[publicUrl=" + publicUrl + "]";
    }
}
