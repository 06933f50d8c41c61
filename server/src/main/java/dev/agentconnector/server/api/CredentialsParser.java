package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.connectors.StoredCredentials;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads {@code credentials}: {@code {"token"}} (a personal access token) or {@code {"access_token"?,
 * "refresh_token", "client_id"?, "client_secret"?}} (OAuth2). Messages name fields, never values.
 */
final class CredentialsParser {
    private static final List<String> FIELDS = List.of("token", "access_token", "refresh_token", "client_id",
            "client_secret");
    private static final int MAX_TOKEN = 4096;

    /** An organization's OAuth app, used when OAuth credentials carry no client id and secret. */
    record ClientCredentials(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=****]";
        }
    }

    private CredentialsParser() {
    }

    static StoredCredentials parse(ObjectNode node, Supplier<Optional<ClientCredentials>> organizationApp) {
        if (node == null) {
            throw ApiError.invalid("'credentials' is required: {\"token\": …} for a personal access token, or "
                    + "{\"refresh_token\": …, \"client_id\": …, \"client_secret\": …} for OAuth2");
        }
        Fields f = Fields.of(node, "credentials.", FIELDS);
        String token = secret(f, "token");
        String refresh = secret(f, "refresh_token");
        if (token != null) {
            for (String other : List.of("access_token", "refresh_token", "client_id", "client_secret")) {
                if (f.has(other)) {
                    throw ApiError.invalid("'credentials' holds both 'token' (a personal access token) and '" + other
                            + "' (OAuth2); send one kind");
                }
            }
            return new StoredCredentials.Token(token);
        }
        if (refresh == null) {
            throw ApiError.invalid("'credentials' needs 'token' (a personal access token) or 'refresh_token' "
                    + "(OAuth2, with 'client_id' and 'client_secret')");
        }
        String clientId = secret(f, "client_id");
        String clientSecret = secret(f, "client_secret");
        if (clientId == null && clientSecret == null) {
            Optional<ClientCredentials> app = organizationApp.get();
            if (app.isPresent()) {
                clientId = app.get().clientId();
                clientSecret = app.get().clientSecret();
            }
        }
        return new StoredCredentials.OAuth(secret(f, "access_token"), refresh, clientId, clientSecret, null);
    }

    private static String secret(Fields f, String name) {
        String v = f.string(name);
        if (v == null) {
            return null;
        }
        String s = v.strip();
        if (s.isEmpty()) {
            throw ApiError.invalid("'credentials." + name + "' must not be empty");
        }
        if (s.length() > MAX_TOKEN) {
            throw ApiError.invalid("'credentials." + name + "' is longer than " + MAX_TOKEN + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) || Character.isISOControl(s.charAt(i))) {
                throw ApiError.invalid("'credentials." + name + "' contains whitespace or control characters; "
                        + "copy it again without spaces or line breaks");
            }
        }
        return s;
    }
}
