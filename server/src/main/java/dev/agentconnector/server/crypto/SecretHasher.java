package dev.agentconnector.server.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Salted SHA-256 of high-entropy generated secrets (application client secrets). A slow password hash is not
 * needed: the secrets carry 256 random bits, so guessing is hopeless either way.
 */
public final class SecretHasher {
    /** A salt and the hash of salt ‖ secret, both base64. */
    public record Hashed(String salt, String hash) {
        @Override
        public String toString() {
            return "Hashed[****]";
        }
    }

    private SecretHasher() {
    }

    /** Hashes {@code secret} under a new random salt. */
    public static Hashed hash(String secret) {
        String salt = Base64.getEncoder().encodeToString(Randoms.bytes(16));
        return new Hashed(salt, Base64.getEncoder().encodeToString(digest(salt, secret)));
    }

    /** Whether {@code secret} matches, compared in constant time. */
    public static boolean matches(String secret, String salt, String hash) {
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(salt, secret), expected);
    }

    /** SHA-256 of a value, base64url, for looking up single-use values (OAuth states) without storing them. */
    public static String fingerprint(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(String salt, String secret) {
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        byte[] v = secret.getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[s.length + 1 + v.length];
        System.arraycopy(s, 0, both, 0, s.length);
        both[s.length] = ':';
        System.arraycopy(v, 0, both, s.length + 1, v.length);
        return sha256(both);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
