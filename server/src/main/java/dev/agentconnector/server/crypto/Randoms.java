package dev.agentconnector.server.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unpredictable values: ids, secrets, nonces and OAuth states. */
public final class Randoms {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    /** {@code n} random bytes. */
    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code n} random bytes as lower-case hex. */
    public static String hex(int n) {
        return HexFormat.of().formatHex(bytes(n));
    }

    /** {@code n} random bytes as unpadded base64url. */
    public static String token(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
    }
}
