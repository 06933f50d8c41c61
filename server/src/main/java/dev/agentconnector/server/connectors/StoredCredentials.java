package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.auth.Credentials;
import dev.agentconnector.runtime.auth.OAuthTokens;

import java.time.Instant;

/** A connector's Asana credentials as stored (encrypted) in the database. Never printed. */
public sealed interface StoredCredentials permits StoredCredentials.Token, StoredCredentials.OAuth {
    /** {@code token} or {@code oauth2}. */
    String authType();

    /** The credentials the local engine takes. */
    Credentials toRuntime();

    /** The JSON that is encrypted. */
    ObjectNode toJson();

    /** Reads the decrypted JSON. */
    static StoredCredentials fromJson(JsonNode n) {
        if ("token".equals(n.path("type").asText())) {
            return new Token(n.path("token").asText());
        }
        return new OAuth(text(n, "access_token"), text(n, "refresh_token"), text(n, "client_id"),
                text(n, "client_secret"),
                n.hasNonNull("expires_at") ? Instant.ofEpochMilli(n.get("expires_at").asLong()) : null);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** A personal access token. */
    record Token(String token) implements StoredCredentials {
        @Override
        public String authType() {
            return "token";
        }

        @Override
        public Credentials toRuntime() {
            return new Credentials.Bearer(token);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("type", "token");
            o.put("token", token);
            return o;
        }

        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    /** OAuth2: a refresh token, the app's client credentials, and the current access token with its expiry. */
    record OAuth(String accessToken, String refreshToken, String clientId, String clientSecret, Instant expiresAt)
            implements StoredCredentials {
        @Override
        public String authType() {
            return "oauth2";
        }

        @Override
        public Credentials toRuntime() {
            return new Credentials.OAuth2(refreshToken, clientId, clientSecret, accessToken, expiresAt);
        }

        /** These credentials with renewed tokens (keeping the refresh token when the server did not rotate it). */
        public OAuth withTokens(OAuthTokens t) {
            return new OAuth(t.accessToken(), t.refreshToken() != null ? t.refreshToken() : refreshToken, clientId,
                    clientSecret, t.expiresAt());
        }

        /** The tokens as the engine's authenticator takes them. */
        public OAuthTokens tokens() {
            return new OAuthTokens(accessToken, refreshToken, expiresAt);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("type", "oauth2");
            o.put("access_token", accessToken);
            o.put("refresh_token", refreshToken);
            o.put("client_id", clientId);
            o.put("client_secret", clientSecret);
            if (expiresAt != null) {
                o.put("expires_at", expiresAt.toEpochMilli());
            } else {
                o.putNull("expires_at");
            }
            return o;
        }

        @Override
        public String toString() {
            return "OAuth[clientId=" + (clientId == null ? "none" : clientId) + ", expiresAt=" + expiresAt
                    + ", tokens=****]";
        }
    }
}
