package dev.agentconnector.asana.sim.auth;

import dev.agentconnector.asana.sim.http.ApiException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every credential the simulator knows: personal access tokens, OAuth access and refresh tokens, and codes. */
public final class TokenRegistry {
    /** Message of the 401 answer for an expired OAuth access token. */
    public static final String EXPIRED = "The bearer token has expired. If you have a refresh token, please use it "
            + "to fetch a new access token.";
    private static final long CODE_TTL_MILLIS = 10 * 60_000;

    /** An issued OAuth access token. */
    private static final class Access {
        final String userGid;
        volatile long expiresAt;

        Access(String userGid, long expiresAt) {
            this.userGid = userGid;
            this.expiresAt = expiresAt;
        }
    }

    /** An issued OAuth refresh token. */
    public static final class Refresh {
        /** The user the token acts for. */
        public final String userGid;
        /** The app the token was issued to. */
        public final String clientId;
        volatile boolean revoked;

        Refresh(String userGid, String clientId) {
            this.userGid = userGid;
            this.clientId = clientId;
        }
    }

    /** An authorization code waiting to be exchanged. */
    public static final class Code {
        /** The user who consented. */
        public final String userGid;
        /** The app the code was issued to. */
        public final String clientId;
        /** The redirect URI used at the authorize step. */
        public final String redirectUri;
        /** PKCE challenge, or null. */
        public final String challenge;
        /** PKCE method (S256 or plain), or null. */
        public final String challengeMethod;
        final long expiresAt;

        Code(String userGid, String clientId, String redirectUri, String challenge, String challengeMethod,
             long expiresAt) {
            this.userGid = userGid;
            this.clientId = clientId;
            this.redirectUri = redirectUri;
            this.challenge = challenge;
            this.challengeMethod = challengeMethod;
            this.expiresAt = expiresAt;
        }
    }

    private final Map<String, String> pats = new ConcurrentHashMap<>();
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refresh = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final SecureRandom secure = new SecureRandom();
    private final Random seeded;
    private final AtomicLong serial = new AtomicLong(1);
    private volatile long accessTtlMillis;

    /** Creates a registry; seeded values (PATs, first refresh token) derive from the seed. */
    public TokenRegistry(long seed, Duration accessTtl) {
        this.seeded = new Random(seed * 1_000_003L + 11);
        this.accessTtlMillis = accessTtl.toMillis();
    }

    /** Sets the lifetime of access tokens issued from now on. */
    public void accessTtl(Duration ttl) {
        accessTtlMillis = ttl.toMillis();
    }

    /** Lifetime of newly issued access tokens in seconds. */
    public long accessTtlSeconds() {
        return accessTtlMillis / 1000;
    }

    /** Creates a deterministic personal access token for the user. */
    public synchronized String newPersonalAccessToken(String userGid) {
        String t = "2/" + userGid + "/" + digits(seeded, 16) + ":" + hex(seeded, 32);
        pats.put(t, userGid);
        return t;
    }

    /** Creates a deterministic refresh token for the user and app. */
    public synchronized String newSeededRefreshToken(String userGid, String clientId) {
        String t = "2/" + userGid + "/" + digits(seeded, 16) + ":" + hex(seeded, 32);
        refresh.put(t, new Refresh(userGid, clientId));
        return t;
    }

    /** A deterministic string of the given number of decimal digits from the seeded generator. */
    public synchronized String seededDigits(int n) {
        return digits(seeded, n);
    }

    /** A deterministic hex string from the seeded generator. */
    public synchronized String seededHex(int n) {
        return hex(seeded, n);
    }

    /** Mints a fresh access token for the user. */
    public String issueAccessToken(String userGid) {
        String t;
        synchronized (secure) {
            t = "2/" + userGid + "/" + serial.getAndIncrement() + ":" + hex(secure, 32);
        }
        access.put(t, new Access(userGid, System.currentTimeMillis() + accessTtlMillis));
        return t;
    }

    /** Mints a fresh refresh token for the user and app. */
    public String issueRefreshToken(String userGid, String clientId) {
        String t;
        synchronized (secure) {
            t = "2/" + userGid + "/" + serial.getAndIncrement() + ":" + hex(secure, 32);
        }
        refresh.put(t, new Refresh(userGid, clientId));
        return t;
    }

    /** Mints a one-time authorization code. */
    public String issueCode(String userGid, String clientId, String redirectUri, String challenge, String method) {
        String c;
        synchronized (secure) {
            c = "1/" + serial.getAndIncrement() + ":" + hex(secure, 32);
        }
        codes.put(c, new Code(userGid, clientId, redirectUri, challenge, method,
                System.currentTimeMillis() + CODE_TTL_MILLIS));
        return c;
    }

    /** Consumes a code: returns it when valid and unexpired, else null (a code works only once). */
    public Code redeemCode(String code) {
        if (code == null) {
            return null;
        }
        Code c = codes.remove(code);
        if (c == null || c.expiresAt < System.currentTimeMillis()) {
            return null;
        }
        return c;
    }

    /** The live refresh token record, or null when unknown or revoked. */
    public Refresh refreshToken(String token) {
        Refresh r = token == null ? null : refresh.get(token);
        return r == null || r.revoked ? null : r;
    }

    /** Revokes a refresh token (unknown tokens are ignored). */
    public void revokeRefreshToken(String token) {
        Refresh r = token == null ? null : refresh.get(token);
        if (r != null) {
            r.revoked = true;
        }
    }

    /** Makes every issued OAuth access token expired (personal access tokens are unaffected). */
    public void expireAllAccessTokens() {
        for (Access a : access.values()) {
            a.expiresAt = 0;
        }
    }

    /** The user gid for a bearer token; throws a 401 for a missing, unknown or expired token. */
    public String authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new ApiException(401, "Not Authorized");
        }
        String pat = pats.get(token);
        if (pat != null) {
            return pat;
        }
        Access a = access.get(token);
        if (a == null) {
            throw new ApiException(401, "Not Authorized");
        }
        if (a.expiresAt <= System.currentTimeMillis()) {
            throw new ApiException(401, EXPIRED);
        }
        return a.userGid;
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        sb.append((char) ('1' + r.nextInt(9)));
        while (sb.length() < n) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static String hex(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }
}
