package dev.agentconnector.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.ReauthorizationRequiredException;
import dev.agentconnector.runtime.error.TransportException;
import dev.agentconnector.runtime.exec.CallEvents;
import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.http.Transport;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * OAuth2 bearer auth with automatic renewal. A token is fetched when there is none, shortly before it expires, and
 * once after a 401. Renewal is single-flight: however many threads find the token stale, one request goes to the
 * token endpoint and the others wait for its result.
 */
public final class OAuth2Authenticator implements Authenticator {
    private static final System.Logger LOG = System.getLogger(OAuth2Authenticator.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuth2Credentials credentials;
    private final Transport tokenTransport;
    private final Clock clock;
    private final TokenListener listener;
    private final String apiName;
    private final RefreshCoordinator coordinator;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile String refreshToken;
    private volatile TokenState state;

    /** An access token as the header value to send, with its expiry (null when unknown). */
    private record TokenState(String header, Instant expiresAt) {
        boolean expiringBefore(Instant t) {
            return expiresAt != null && !expiresAt.isAfter(t);
        }
    }

    /**
     * @param credentials    refresh token, client id/secret, optional initial access token
     * @param tokenTransport transport for the token endpoint (no auth layer)
     * @param clock          clock for expiry
     * @param listener       receives new tokens, or null
     * @param apiName        display name of the API for messages
     */
    public OAuth2Authenticator(OAuth2Credentials credentials, Transport tokenTransport, Clock clock,
                               TokenListener listener, String apiName) {
        this(credentials, tokenTransport, clock, listener, apiName, null);
    }

    /**
     * @param coordinator makes refreshes single-flight across processes sharing the credential, or null
     */
    public OAuth2Authenticator(OAuth2Credentials credentials, Transport tokenTransport, Clock clock,
                               TokenListener listener, String apiName, RefreshCoordinator coordinator) {
        this.coordinator = coordinator;
        this.credentials = credentials;
        this.tokenTransport = tokenTransport;
        this.clock = clock;
        this.listener = listener;
        this.apiName = apiName;
        this.refreshToken = credentials.refreshToken();
        if (credentials.accessToken() != null) {
            this.state = new TokenState("Bearer " + credentials.accessToken(), credentials.expiresAt());
        }
    }

    @Override
    public String authorization() {
        TokenState s = state;
        if (s == null || s.expiringBefore(clock.instant().plus(credentials.refreshSkew()))) {
            s = refresh(s);
        }
        return s.header();
    }

    @Override
    public boolean renewAfterRejection(String rejectedAuthorization) {
        TokenState s = state;
        if (s != null && !s.header().equals(rejectedAuthorization)) {
            return true; // someone already replaced the rejected token
        }
        refresh(s);
        return true;
    }

    /** Replaces {@code seen} with a fresh token unless another thread already did while we waited. */
    private TokenState refresh(TokenState seen) {
        refreshLock.lock();
        try {
            TokenState current = state;
            if (current != seen && current != null
                    && !current.expiringBefore(clock.instant().plus(credentials.refreshSkew()))) {
                return current;
            }
            CallEvents.report(CallEvents.Kind.TOKEN_REFRESH, () -> "renewing the " + apiName
                    + " access token (OAuth refresh)");
            TokenState fresh;
            if (coordinator == null) {
                fresh = requestToken();
            } else {
                String stale = current == null ? null : current.header().substring("Bearer ".length());
                OAuthTokens tokens = coordinator.coordinate(stale, () -> {
                    TokenState t = requestToken();
                    return new OAuthTokens(t.header().substring("Bearer ".length()), refreshToken, t.expiresAt());
                });
                if (tokens.refreshToken() != null) {
                    refreshToken = tokens.refreshToken();
                }
                fresh = new TokenState("Bearer " + tokens.accessToken(), tokens.expiresAt());
            }
            state = fresh;
            return fresh;
        } finally {
            refreshLock.unlock();
        }
    }

    private TokenState requestToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (credentials.clientId() != null) {
            form.put("client_id", credentials.clientId());
        }
        if (credentials.clientSecret() != null) {
            form.put("client_secret", credentials.clientSecret());
        }
        byte[] body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        ApiRequest request = new ApiRequest("oauth.refresh", "POST", credentials.tokenUrl(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                body, false);
        ApiResponse response;
        try {
            response = tokenTransport.send(request);
        } catch (TransportException e) {
            throw new OAuthException("could not reach the " + apiName + " token endpoint "
                    + credentials.tokenUrl().getHost() + " to renew the access token: " + e.getMessage(), e);
        }
        JsonNode json = parse(response.bytes());
        int status = response.status();
        if (status / 100 != 2) {
            throw failure(status, json);
        }
        String accessToken = json.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw new OAuthException("the " + apiName + " token endpoint answered " + status
                    + " without an access_token", status, null);
        }
        Instant expiresAt = json.hasNonNull("expires_in")
                ? clock.instant().plusSeconds(json.get("expires_in").asLong()) : null;
        if (json.hasNonNull("refresh_token") && !json.get("refresh_token").asText().isBlank()) {
            refreshToken = json.get("refresh_token").asText();
        }
        notifyListener(new OAuthTokens(accessToken, refreshToken, expiresAt));
        return new TokenState("Bearer " + accessToken, expiresAt);
    }

    private OAuthException failure(int status, JsonNode json) {
        String error = json.path("error").asText(null);
        String description = json.path("error_description").asText(null);
        String detail = (error == null ? "" : " " + error) + (description == null ? "" : ": " + description);
        if ("invalid_grant".equals(error)) {
            return new ReauthorizationRequiredException("the " + apiName + " token endpoint rejected the refresh "
                    + "token (invalid_grant" + (description == null ? "" : ": " + description) + "); it was "
                    + "revoked, has expired or belongs to another app: authorize the app again to get a new "
                    + "refresh token", status);
        }
        String hint = "invalid_client".equals(error)
                ? "; check the client id and client secret"
                : status >= 500 ? "; the token endpoint failed, try again later" : "";
        return new OAuthException("the " + apiName + " token endpoint answered " + status + detail + hint,
                status, error);
    }

    private void notifyListener(OAuthTokens tokens) {
        if (listener == null) {
            return;
        }
        try {
            listener.onTokens(tokens);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "token listener failed with " + e.getClass().getName()
                    + "; the new tokens are in use but were not saved by the listener");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? null : JSON.readTree(body);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OAuth2Authenticator[" + credentials + "]";
    }
}
