package dev.agentconnector.asana.sim.files;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks short-lived attachment download URLs of the form
 * {@code /__files/<gid>?exp=<epochSeconds>&n=<nonce>&sig=<hmac>}; every minted URL is distinct.
 */
public final class UrlSigner {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private volatile long ttlSeconds;
    private final java.util.concurrent.atomic.AtomicLong nonces = new java.util.concurrent.atomic.AtomicLong();

    /** Creates a signer with a key derived from the seed and URLs valid for {@code ttlSeconds}. */
    public UrlSigner(long seed, long ttlSeconds) {
        this.key = new SecretKeySpec(("asana-sim-files-" + seed).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttlSeconds = ttlSeconds;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Sets how long newly minted URLs stay valid. */
    public void ttlSeconds(long seconds) {
        this.ttlSeconds = seconds;
    }

    /** A fresh download URL for the attachment under the given origin. */
    public String url(String origin, String gid) {
        long exp = System.currentTimeMillis() / 1000 + ttlSeconds;
        String nonce = Long.toString(nonces.incrementAndGet(), 36);
        return origin + "/__files/" + gid + "?exp=" + exp + "&n=" + nonce + "&sig=" + sign(gid, exp, nonce);
    }

    /** The signature for a gid, expiry and nonce. */
    public String sign(String gid, long exp, String nonce) {
        Mac mac = macs.get();
        byte[] d = mac.doFinal((gid + ":" + exp + ":" + nonce).getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** Whether the signature matches (constant-time comparison). */
    public boolean verify(String gid, long exp, String nonce, String sig) {
        if (sig == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(gid, exp, nonce == null ? "" : nonce).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }
}
