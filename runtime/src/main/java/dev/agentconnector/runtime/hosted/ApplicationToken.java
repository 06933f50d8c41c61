package dev.agentconnector.runtime.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.runtime.error.AuthenticationException;
import dev.agentconnector.runtime.error.ApiError;
import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.http.Transport;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's access token for the execution service: fetched with the client id and secret, cached for
 * the service's {@code expires_in} (less a margin), fetched again after a 401. One fetch at a time.
 */
final class ApplicationToken {
    private static final long MARGIN_SECONDS = 30;

    private final HostedConfig config;
    private final Transport transport;
    private final ObjectMapper mapper;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    ApplicationToken(HostedConfig config, Transport transport, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.transport = transport;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A valid token, fetching one when there is none or it is about to expire. */
    synchronized String get() {
        if (token == null || !clock.instant().isBefore(expiresAt)) {
            fetch();
        }
        return token;
    }

    /** Drops {@code rejected} so the next {@link #get()} fetches a new token (unless another thread already did). */
    synchronized void invalidate(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (config.organizationId() != null) {
            headers.put("X-Organization-Id", config.organizationId());
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Map.of("client_id", config.clientId(), "client_secret",
                    config.clientSecret()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ApiResponse r = transport.send(new ApiRequest("hosted.token", "POST",
                URI.create(config.apiUrl() + "/api/v1/account/applications/token"), headers, body, false, true));
        JsonNode json = parse(r.bytes());
        if (r.status() != 200 || !json.hasNonNull("access_token")) {
            String message = json.path("error").path("message").asText(json.path("message").asText("no token"));
            throw new AuthenticationException("hosted.token", "The execution service", r.status(),
                    List.of(new ApiError(message + " (check the application's client id and secret)", null, null)),
                    null);
        }
        token = json.get("access_token").asText();
        long ttl = json.path("expires_in").asLong(900);
        expiresAt = clock.instant().plusSeconds(Math.max(1, ttl - MARGIN_SECONDS));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? null : mapper.readTree(body);
            return n == null ? mapper.createObjectNode() : n;
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
