package dev.agentconnector.server.connectors;

import dev.agentconnector.runtime.auth.OAuthTokens;
import dev.agentconnector.runtime.auth.RefreshCoordinator;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.metrics.ServerMetrics;
import dev.agentconnector.server.store.ConnectorStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Renews a connector's OAuth access token once across every server instance on the database. In one transaction it
 * locks the connector row and re-reads the stored tokens: when another instance has stored a fresh access token
 * meanwhile, that one is used; otherwise this instance asks Asana and stores the result (encrypted) before the lock
 * is released.
 */
final class DbRefreshCoordinator implements RefreshCoordinator {
    /** A stored token this close to expiry is treated as stale, like the engine does. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final Database db;
    private final ConnectorStore connectors;
    private final CredentialVault vault;
    private final OAuthTokenClient tokenClient;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final String connectorId;
    private final AtomicLong knownVersion;

    /**
     * @param knownVersion the version of the stored credentials the executor was built from; advanced when this
     *                     coordinator stores the executor's own renewal
     */
    DbRefreshCoordinator(Database db, ConnectorStore connectors, CredentialVault vault, OAuthTokenClient tokenClient,
                         ServerMetrics metrics, Clock clock, String connectorId, AtomicLong knownVersion) {
        this.db = db;
        this.connectors = connectors;
        this.vault = vault;
        this.tokenClient = tokenClient;
        this.metrics = metrics;
        this.clock = clock;
        this.connectorId = connectorId;
        this.knownVersion = knownVersion;
    }

    @Override
    public OAuthTokens coordinate(String staleAccessToken, Supplier<OAuthTokens> refresh) {
        try {
            return db.transaction("renewing an OAuth token", c -> {
                Optional<ConnectorStore.LockedCredentials> locked = connectors.lockCredentials(c, connectorId);
                if (locked.isEmpty()) {
                    throw new ConfigurationException("the connector was deleted");
                }
                StoredCredentials stored = vault.open(connectorId, locked.get().sealedCredentials());
                if (!(stored instanceof StoredCredentials.OAuth oauth)) {
                    throw new ConfigurationException("the connector's credentials were replaced by a token; "
                            + "send the request again");
                }
                if (oauth.accessToken() != null && !oauth.accessToken().equals(staleAccessToken)
                        && !expiring(oauth.expiresAt())) {
                    metrics.oauthRefresh("reused");
                    return oauth.tokens();
                }
                long version = locked.get().version();
                // The executor's refresh token is the stored one unless the credentials changed since it was built
                // (an edit, say); then renew with what is stored now.
                boolean executorIsCurrent = version == knownVersion.get();
                OAuthTokens fresh = executorIsCurrent
                        ? refresh.get()
                        : tokenClient.refresh(oauth.refreshToken(), oauth.clientId(), oauth.clientSecret());
                StoredCredentials.OAuth updated = oauth.withTokens(fresh);
                long newVersion = connectors.storeCredentials(c, connectorId, vault.seal(connectorId, updated),
                        version);
                if (executorIsCurrent) {
                    knownVersion.compareAndSet(version, newVersion);
                }
                metrics.oauthRefresh("refreshed");
                return updated.tokens();
            });
        } catch (RuntimeException e) {
            metrics.oauthRefresh("failed");
            throw e;
        }
    }

    private boolean expiring(Instant expiresAt) {
        return expiresAt != null && !expiresAt.isAfter(clock.instant().plus(SKEW));
    }
}
