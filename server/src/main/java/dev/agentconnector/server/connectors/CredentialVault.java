package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.server.crypto.SecretBox;
import dev.agentconnector.server.crypto.SecretBoxException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encrypts what the service stores: connector credentials (bound to the connector id) and organizations' OAuth app
 * secrets (bound to the organization and connector type).
 */
public final class CredentialVault {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretBox box;

    public CredentialVault(SecretBox box) {
        this.box = box;
    }

    /** Encrypts a connector's credentials with its id as associated data. */
    public String seal(String connectorId, StoredCredentials credentials) {
        return box.seal(credentials.toJson().toString().getBytes(StandardCharsets.UTF_8), connectorId);
    }

    /** Decrypts a connector's credentials. */
    public StoredCredentials open(String connectorId, String sealed) {
        byte[] plain = box.open(sealed, connectorId);
        try {
            JsonNode n = JSON.readTree(plain);
            return StoredCredentials.fromJson(n);
        } catch (IOException e) {
            throw new SecretBoxException("stored credentials are not readable JSON");
        }
    }

    /** Encrypts an organization's OAuth app secret. */
    public String sealAppSecret(String organizationId, String connectorType, String secret) {
        return box.seal(secret.getBytes(StandardCharsets.UTF_8), appContext(organizationId, connectorType));
    }

    /** Decrypts an organization's OAuth app secret. */
    public String openAppSecret(String organizationId, String connectorType, String sealed) {
        return new String(box.open(sealed, appContext(organizationId, connectorType)), StandardCharsets.UTF_8);
    }

    private static String appContext(String organizationId, String connectorType) {
        return "oauth_app:" + organizationId + ":" + connectorType;
    }

    @Override
    public String toString() {
        return "CredentialVault[" + box + "]";
    }
}
