package dev.agentconnector.asana;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.auth.OAuthTokens;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.ReauthorizationRequiredException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthTest {
    private AsanaSimulator sim;

    @BeforeEach
    void start() {
        sim = Sim.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private AsanaConnector oauth(String accessToken, List<OAuthTokens> saved) {
        return new AsanaConnector(new AsanaOauth2AuthConfig(accessToken, sim.refreshToken(), sim.clientId(),
                sim.clientSecret()), Sim.options(sim).tokenListener(saved::add).build());
    }

    @Test
    void withoutAccessTokenOneIsFetchedFirst() {
        List<OAuthTokens> saved = new ArrayList<>();
        try (AsanaConnector asana = oauth(null, saved)) {
            ExecutionResult r = asana.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
            assertThat(sim.stats().tokenRequests()).isEqualTo(1);
            assertThat(saved).hasSize(1);
            assertThat(saved.get(0).refreshToken()).isEqualTo(sim.refreshToken());
            assertThat(saved.get(0).expiresAt()).isNotNull();
            assertThat(sim.stats().tokenRequestForms().get(0))
                    .containsEntry("grant_type", "refresh_token")
                    .containsEntry("client_id", sim.clientId());
        }
    }

    @Test
    void anExpiredTokenIsRenewedOnceAfter401AndTheCallRetried() {
        try (AsanaConnector asana = oauth(sim.issueAccessToken(), new ArrayList<>())) {
            assertThat(asana.execute("users", "get", Map.of("user_gid", "me")).success()).isTrue();
            assertThat(sim.stats().tokenRequests()).isZero();
            sim.control().expireAllAccessTokens();
            ExecutionResult r = asana.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
            assertThat(sim.stats().tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void sixtyFourThreadsOnAnExpiredTokenMakeExactlyOneTokenRequest() {
        sim.control().setTokenEndpointLatency(Duration.ofMillis(200));
        try (AsanaConnector asana = oauth(sim.issueAccessToken(), new ArrayList<>())) {
            sim.control().expireAllAccessTokens();
            List<CompletableFuture<ExecutionResult>> calls = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 64; i++) {
                calls.add(asana.executeAsync("users", "get", Map.of("user_gid", "me")));
            }
            for (CompletableFuture<ExecutionResult> c : calls) {
                ExecutionResult r = c.join();
                assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
            }
            assertThat(sim.stats().tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void shortLivedTokensAreRenewedBeforeTheyExpire() {
        sim.control().setAccessTokenTtl(Duration.ofSeconds(30)); // inside the 60 s renewal margin
        try (AsanaConnector asana = oauth(null, new ArrayList<>())) {
            asana.execute("users", "get", Map.of("user_gid", "me"));
            asana.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(sim.stats().tokenRequests()).isEqualTo(2);
            assertThat(sim.stats().requests("GET", "/users")).isEqualTo(2); // no 401 was ever drawn
        }
    }

    @Test
    void aRevokedRefreshTokenAsksToReauthorize() {
        sim.control().revokeRefreshToken(sim.refreshToken());
        try (AsanaConnector asana = oauth(null, new ArrayList<>())) {
            ExecutionResult r = asana.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.success()).isFalse();
            assertThat(r.exception()).isInstanceOf(ReauthorizationRequiredException.class);
            assertThat(r.meta().get("error_type").asText()).isEqualTo("reauthorization_required");
            assertThat(r.error()).contains("invalid_grant").contains("authorize the app again")
                    .doesNotContain(sim.refreshToken()).doesNotContain(sim.clientSecret());
        }
    }

    @Test
    void clientCredentialsAreSentOnlyWhenSet() {
        sim.control().setRequireClientCredentials(false);
        try (AsanaConnector asana = new AsanaConnector(AsanaOauth2AuthConfig.ofRefreshToken(sim.refreshToken(), null,
                null), Sim.options(sim).build())) {
            assertThat(asana.execute("users", "get", Map.of("user_gid", "me")).success()).isTrue();
        }
        assertThat(sim.stats().tokenRequestForms().get(0)).doesNotContainKeys("client_id", "client_secret");
    }

    @Test
    void aWrongClientSecretIsExplained() {
        try (AsanaConnector asana = new AsanaConnector(new AsanaOauth2AuthConfig(null, sim.refreshToken(),
                sim.clientId(), "not-the-secret"), Sim.options(sim).build())) {
            ExecutionResult r = asana.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.exception()).isInstanceOf(OAuthException.class);
            assertThat(r.error()).contains("check the client id and client secret").doesNotContain("not-the-secret");
        }
    }
}
