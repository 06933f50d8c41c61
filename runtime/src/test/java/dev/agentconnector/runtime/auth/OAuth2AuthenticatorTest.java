package dev.agentconnector.runtime.auth;

import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.ReauthorizationRequiredException;
import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.http.ScriptedTransport;
import dev.agentconnector.runtime.http.Transport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuth2AuthenticatorTest {
    private static final URI TOKEN_URL = URI.create("http://127.0.0.1:1/-/oauth_token");

    /** A token endpoint that counts calls and mints numbered tokens, slowly. */
    static final class CountingTokenEndpoint implements Transport {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> forms = new ArrayList<>();

        @Override
        public ApiResponse send(ApiRequest request) {
            int n = calls.incrementAndGet();
            synchronized (forms) {
                forms.add(new String(request.body(), StandardCharsets.UTF_8));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedTransport.response(200, Map.of(),
                    "{\"access_token\":\"at-" + n + "\",\"expires_in\":3600,\"token_type\":\"bearer\"}");
        }
    }

    private static OAuth2Credentials creds(String accessToken, String clientId, String clientSecret) {
        return new OAuth2Credentials(TOKEN_URL, "rt-secret", clientId, clientSecret, accessToken, null, null);
    }

    @Test
    void sixtyFourThreadsWithoutTokenCauseExactlyOneRefresh() throws Exception {
        CountingTokenEndpoint endpoint = new CountingTokenEndpoint();
        OAuth2Authenticator auth = new OAuth2Authenticator(creds(null, "cid", "csecret"), endpoint,
                Clock.systemUTC(), null, "Demo");
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return auth.authorization();
            }));
        }
        start.countDown();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (Future<String> f : results) {
            seen.add(f.get());
        }
        pool.shutdown();
        assertThat(endpoint.calls.get()).isEqualTo(1);
        assertThat(seen).containsExactly("Bearer at-1");
    }

    @Test
    void renewsShortlyBeforeExpiry() {
        CountingTokenEndpoint endpoint = new CountingTokenEndpoint();
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId z) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        OAuth2Authenticator auth = new OAuth2Authenticator(creds(null, null, null), endpoint, clock, null, "Demo");
        assertThat(auth.authorization()).isEqualTo("Bearer at-1");
        now[0] = now[0].plus(Duration.ofMinutes(58));
        assertThat(auth.authorization()).isEqualTo("Bearer at-1");
        now[0] = now[0].plus(Duration.ofSeconds(90));
        assertThat(auth.authorization()).isEqualTo("Bearer at-2");
        assertThat(endpoint.calls.get()).isEqualTo(2);
    }

    @Test
    void rejectionRenewsOnceAndStaleRejectionsDoNotRenewAgain() {
        CountingTokenEndpoint endpoint = new CountingTokenEndpoint();
        OAuth2Authenticator auth = new OAuth2Authenticator(creds("given", "cid", null), endpoint,
                Clock.systemUTC(), null, "Demo");
        assertThat(auth.authorization()).isEqualTo("Bearer given");
        assertThat(endpoint.calls.get()).isZero();
        assertThat(auth.renewAfterRejection("Bearer given")).isTrue();
        assertThat(auth.authorization()).isEqualTo("Bearer at-1");
        assertThat(auth.renewAfterRejection("Bearer given")).isTrue(); // already replaced
        assertThat(endpoint.calls.get()).isEqualTo(1);
    }

    @Test
    void clientCredentialsAreSentOnlyWhenSet() {
        CountingTokenEndpoint endpoint = new CountingTokenEndpoint();
        new OAuth2Authenticator(creds(null, null, null), endpoint, Clock.systemUTC(), null, "Demo").authorization();
        new OAuth2Authenticator(creds(null, "cid", "csecret"), endpoint, Clock.systemUTC(), null, "Demo").authorization();
        assertThat(endpoint.forms.get(0)).isEqualTo("grant_type=refresh_token&refresh_token=rt-secret");
        assertThat(endpoint.forms.get(1)).contains("client_id=cid").contains("client_secret=csecret");
    }

    @Test
    void invalidGrantAsksToReauthorizeWithoutLeakingSecrets() {
        ScriptedTransport endpoint = new ScriptedTransport()
                .then(400, Map.of(), "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked\"}");
        OAuth2Authenticator auth = new OAuth2Authenticator(creds(null, "cid", "csecret"), endpoint,
                Clock.systemUTC(), null, "Demo");
        assertThatThrownBy(auth::authorization).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("authorize the app again")
                .hasMessageNotContaining("rt-secret").hasMessageNotContaining("csecret");
    }

    @Test
    void invalidClientIsExplained() {
        ScriptedTransport endpoint = new ScriptedTransport().then(401, Map.of(), "{\"error\":\"invalid_client\"}");
        OAuth2Authenticator auth = new OAuth2Authenticator(creds(null, "cid", "bad"), endpoint,
                Clock.systemUTC(), null, "Demo");
        assertThatThrownBy(auth::authorization).isInstanceOf(OAuthException.class)
                .hasMessageContaining("check the client id and client secret");
    }

    @Test
    void listenerGetsRotatedRefreshTokenAndItsFailureDoesNotBreakCalls() {
        ScriptedTransport endpoint = new ScriptedTransport()
                .then(200, Map.of(), "{\"access_token\":\"a1\",\"refresh_token\":\"rt-2\",\"expires_in\":1}")
                .then(200, Map.of(), "{\"access_token\":\"a2\",\"expires_in\":3600}");
        List<OAuthTokens> got = new ArrayList<>();
        OAuth2Authenticator auth = new OAuth2Authenticator(creds(null, null, null), endpoint, Clock.systemUTC(),
                t -> {
                    got.add(t);
                    throw new IllegalStateException("disk full");
                }, "Demo");
        assertThat(auth.authorization()).isEqualTo("Bearer a1");
        assertThat(got.get(0).refreshToken()).isEqualTo("rt-2");
        assertThat(got.get(0).toString()).doesNotContain("rt-2").doesNotContain("a1");
        assertThat(auth.authorization()).isEqualTo("Bearer a2"); // expires_in 1 s is inside the skew
        assertThat(new String(endpoint.sent().get(1).body(), StandardCharsets.UTF_8)).contains("refresh_token=rt-2");
    }

    @Test
    void toStringsHideSecrets() {
        OAuth2Credentials c = creds("at-secret", "cid", "cs-secret");
        assertThat(c.toString()).doesNotContain("rt-secret").doesNotContain("at-secret").doesNotContain("cs-secret");
        assertThat(new Credentials.Bearer("pat-secret").toString()).doesNotContain("pat-secret");
        assertThat(new BearerTokenAuthenticator("pat-secret").toString()).doesNotContain("pat-secret");
    }

    @Test
    void aCoordinatorCanHandBackTokensAnotherProcessStored() {
        CountingTokenEndpoint endpoint = new CountingTokenEndpoint();
        List<String> staleSeen = new ArrayList<>();
        RefreshCoordinator shared = (stale, refresh) -> {
            staleSeen.add(stale);
            return stale == null ? refresh.get() : new OAuthTokens("from-db", "rt-secret", null);
        };
        OAuth2Authenticator auth = new OAuth2Authenticator(creds(null, null, null), endpoint, Clock.systemUTC(), null,
                "Demo", shared);
        assertThat(auth.authorization()).isEqualTo("Bearer at-1");
        assertThat(auth.renewAfterRejection("Bearer at-1")).isTrue();
        assertThat(auth.authorization()).isEqualTo("Bearer from-db");
        assertThat(endpoint.calls.get()).isEqualTo(1);
        assertThat(staleSeen).containsExactly(null, "at-1");
    }
}
