package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.runtime.auth.OAuthTokens;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.ReauthorizationRequiredException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asana's OAuth token endpoint: exchanges authorization codes, and renews access tokens when the service (not the
 * engine) must do so. Errors are {@link OAuthException}s whose messages hold no secrets.
 */
public final class OAuthTokenClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenUrl;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public OAuthTokenClient(String tokenUrl, Clock clock) {
        this.tokenUrl = URI.create(tokenUrl);
        this.clock = clock;
    }

    /** Redeems an authorization code for tokens. */
    public OAuthTokens exchangeCode(String code, String redirectUri, String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        OAuthTokens t = post(form, null);
        if (t.refreshToken() == null) {
            throw new OAuthException("the Asana token endpoint issued no refresh token", 200, null);
        }
        return t;
    }

    /** Renews an access token with a refresh token (kept when the endpoint does not rotate it). */
    public OAuthTokens refresh(String refreshToken, String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (clientId != null) {
            form.put("client_id", clientId);
        }
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        return post(form, refreshToken);
    }

    private OAuthTokens post(Map<String, String> form, String currentRefreshToken) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OAuthException("could not reach the Asana token endpoint " + tokenUrl.getHost() + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted while calling the Asana token endpoint", e);
        }
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status / 100 != 2) {
            String error = json.path("error").isTextual() ? json.get("error").asText() : null;
            String description = json.path("error_description").isTextual()
                    ? json.get("error_description").asText() : null;
            String detail = (error == null ? "" : " " + error) + (description == null ? "" : ": " + description);
            if ("invalid_grant".equals(error)) {
                throw new ReauthorizationRequiredException("the Asana token endpoint answered " + status + detail,
                        status);
            }
            throw new OAuthException("the Asana token endpoint answered " + status + detail, status, error);
        }
        String access = json.path("access_token").asText("");
        if (access.isBlank()) {
            throw new OAuthException("the Asana token endpoint answered " + status + " without an access_token",
                    status, null);
        }
        String refresh = json.hasNonNull("refresh_token") && !json.get("refresh_token").asText().isBlank()
                ? json.get("refresh_token").asText() : currentRefreshToken;
        Instant expiresAt = json.path("expires_in").canConvertToLong()
                ? clock.instant().plusSeconds(json.get("expires_in").asLong()) : null;
        return new OAuthTokens(access, refresh, expiresAt);
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
}
