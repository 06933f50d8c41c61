package dev.agentconnector.server.connectors;

import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.auth.OAuthTokens;
import dev.agentconnector.runtime.error.ApiException;
import dev.agentconnector.runtime.error.AuthenticationException;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.PermissionDeniedException;
import dev.agentconnector.runtime.error.TransportException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.LocalExecutor;
import dev.agentconnector.server.http.ApiError;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Proves credentials work before they are saved: asks Asana who they belong to ({@code users.get me}) through the
 * same engine that will run the connector. An OAuth renewal made on the way is kept.
 */
public final class CredentialChecker {
    private final ConnectorOptions options;

    /** @param options Asana URLs, retry policy and clock of the service */
    public CredentialChecker(ConnectorOptions options) {
        this.options = options;
    }

    /**
     * Checks the credentials and returns them, with renewed tokens when the check had to renew them.
     *
     * @throws ApiError 400 {@code invalid_credentials} when Asana rejects them; 502 when Asana cannot be reached or
     *                  fails
     */
    public StoredCredentials check(StoredCredentials credentials) {
        AtomicReference<OAuthTokens> renewed = new AtomicReference<>();
        ExecutionResult result;
        try (LocalExecutor executor = new LocalExecutor(AsanaSpec.get(), credentials.toRuntime(),
                options.toBuilder().tokenListener(renewed::set).build())) {
            result = executor.execute("users", "get", Map.of("user_gid", "me"));
        } catch (ConfigurationException e) {
            throw ApiError.badRequest("invalid_credentials", "the credentials are malformed: " + e.getMessage());
        }
        if (!result.success()) {
            throw classify(result.exception());
        }
        if (credentials instanceof StoredCredentials.OAuth o && renewed.get() != null) {
            return o.withTokens(renewed.get());
        }
        return credentials;
    }

    private static ApiError classify(ConnectorException e) {
        if (e instanceof AuthenticationException || e instanceof PermissionDeniedException) {
            return rejected(e);
        }
        if (e instanceof OAuthException o) {
            return o.status() == 400 || o.status() == 401 || o.status() == 403
                    ? rejected(e)
                    : new ApiError(502, "asana_unreachable", "could not check the credentials: " + e.getMessage());
        }
        if (e instanceof TransportException) {
            return new ApiError(502, "asana_unreachable", "could not reach Asana to check the credentials: "
                    + e.getMessage());
        }
        if (e instanceof ApiException api && api.status() < 500 && api.status() != 429) {
            return rejected(e);
        }
        return new ApiError(502, "asana_error", "Asana could not check the credentials: " + e.getMessage());
    }

    private static ApiError rejected(ConnectorException e) {
        return ApiError.badRequest("invalid_credentials", "Asana rejected the credentials: " + e.getMessage());
    }
}
