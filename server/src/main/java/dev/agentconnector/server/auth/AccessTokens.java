package dev.agentconnector.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Issues and verifies stateless bearer tokens: {@code v1.<base64url(claims)>.<base64url(HMAC-SHA256)>}. Any server
 * instance with the same master key accepts a token another issued; nothing is stored.
 */
public final class AccessTokens {
    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;
    /** One initialised MAC per thread: looking the algorithm up and keying it cost more than the signing itself. */
    private final ThreadLocal<Mac> macs;

    /** A signer under a 32-byte key derived for this purpose. */
    public AccessTokens(byte[] signingKey, Clock clock) {
        this.key = new SecretKeySpec(signingKey.clone(), "HmacSHA256");
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** A token for {@code principal} valid for {@code ttl}. */
    public String issue(Principal principal, Duration ttl) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("org", principal.organizationId());
        claims.put("app", principal.applicationId());
        if (principal.workspaceName() != null) {
            claims.put("ws", principal.workspaceName());
        }
        if (principal.readOnly()) {
            claims.put("ro", true);
        }
        Instant now = clock.instant();
        claims.put("iat", now.toEpochMilli());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        String body = VERSION + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(sign(body));
    }

    /** A verified token: who it stands for and when it was issued (epoch ms; 0 for tokens without the claim). */
    public record Verified(Principal principal, long issuedAtMillis) {
    }

    /**
     * The principal a token stands for.
     *
     * @throws TokenException when the token is malformed, its signature does not match, or it has expired
     */
    public Principal verify(String token) {
        return verifyToken(token).principal();
    }

    /**
     * The principal a token stands for, with its issue time.
     *
     * @throws TokenException when the token is malformed, its signature does not match, or it has expired
     */
    public Verified verifyToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw invalid();
        }
        String prefix = VERSION + ".";
        int last = token.lastIndexOf('.');
        // v1.<claims>.<signature>: both parts present, nothing outside the base64url alphabet
        if (!token.startsWith(prefix) || last <= prefix.length() || last == token.length() - 1
                || !base64Url(token, prefix.length(), last) || !base64Url(token, last + 1, token.length())) {
            throw invalid();
        }
        String body = token.substring(0, last);
        byte[] signature;
        byte[] claimsBytes;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(last + 1));
            claimsBytes = Base64.getUrlDecoder().decode(body.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(sign(body), signature)) {
            throw invalid();
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(claimsBytes);
        } catch (IOException | RuntimeException e) {
            throw invalid();
        }
        if (claims == null || !claims.path("org").isTextual() || !claims.path("app").isTextual()
                || !claims.path("exp").canConvertToLong()) {
            throw invalid();
        }
        if (!Instant.ofEpochSecond(claims.get("exp").asLong()).isAfter(clock.instant())) {
            throw new TokenException("the access token has expired; request a new one", true);
        }
        String ws = claims.path("ws").isTextual() ? claims.get("ws").asText() : null;
        long issuedAt = claims.path("iat").canConvertToLong() ? claims.get("iat").asLong() : 0;
        return new Verified(new Principal(claims.get("org").asText(), claims.get("app").asText(), ws,
                claims.path("ro").asBoolean(false)), issuedAt);
    }

    private static boolean base64Url(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static TokenException invalid() {
        return new TokenException("the access token is invalid", false);
    }

    private byte[] sign(String body) {
        // doFinal resets the MAC for the next use, with the same key
        return macs.get().doFinal(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "AccessTokens[HMAC-SHA256]";
    }
}
