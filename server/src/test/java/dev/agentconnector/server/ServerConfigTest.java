package dev.agentconnector.server;

import dev.agentconnector.runtime.http.RateLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});

    @Test
    void environmentOverridesTheDefaults() {
        ServerConfig c = ServerConfig.fromEnv(Map.of(
                "ASANA_BASE_URL", "http://127.0.0.1:8089/api/1.0",
                "ASANA_TOKEN_URL", "http://127.0.0.1:8089/-/oauth_token",
                "ASANA_AUTHORIZE_URL", "http://127.0.0.1:8089/-/oauth_authorize",
                "ASANA_AGENT_MASTER_KEY", KEY,
                "ASANA_AGENT_DB_URL", "jdbc:postgresql://db:5432/agents?user=a&password=hunter2",
                "ASANA_AGENT_METRICS_TOKEN", "scrape-token"));
        assertThat(c.asanaBaseUrl()).isEqualTo("http://127.0.0.1:8089/api/1.0");
        assertThat(c.asanaTokenUrl()).endsWith("/-/oauth_token");
        assertThat(c.asanaAuthorizeUrl()).endsWith("/-/oauth_authorize");
        assertThat(c.masterKey()).hasSize(32);
        assertThat(c.effectiveDbUrl()).startsWith("jdbc:postgresql:");
        assertThat(c.toString()).doesNotContain(KEY).doesNotContain("hunter2").doesNotContain("scrape-token");
    }

    @Test
    void defaultsPointAtAsanaAndASqliteFile() {
        ServerConfig c = ServerConfig.fromEnv(Map.of());
        assertThat(c.asanaBaseUrl()).isEqualTo("https://app.asana.com/api/1.0");
        assertThat(c.asanaTokenUrl()).isEqualTo("https://app.asana.com/-/oauth_token");
        assertThat(c.asanaAuthorizeUrl()).isEqualTo("https://app.asana.com/-/oauth_authorize");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(c.applicationTokenTtl().toMinutes()).isEqualTo(15);
        assertThat(c.scopedTokenTtl().toHours()).isEqualTo(1);
        assertThat(c.checkCredentials()).isTrue();
        assertThat(c.effectiveDbUrl()).isEqualTo("jdbc:sqlite:" + Path.of("asana-agent-data", "asana-agent.db")
                .toAbsolutePath());
        assertThat(c.toBuilder().port(0).build().port()).isZero();
    }

    @Test
    void rateLimitSettings() {
        ServerConfig d = ServerConfig.fromEnv(Map.of());
        assertThat(d.rateLimitWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.rateLimitMaxWaiting()).isEqualTo(16);
        assertThat(d.asanaRateLimits()).isEqualTo(RateLimits.ASANA_DEFAULT);
        assertThat(ServerConfig.fromEnv(Map.of("ASANA_AGENT_RATE_LIMIT_WAIT", "750ms")).rateLimitWait())
                .isEqualTo(Duration.ofMillis(750));
        ServerConfig c = d.toBuilder().rateLimitWait(Duration.ZERO).rateLimitMaxWaiting(4)
                .asanaRateLimits(new RateLimits(60, 5, 2)).build().toBuilder().build();
        assertThat(c.rateLimitWait()).isZero();
        assertThat(c.rateLimitMaxWaiting()).isEqualTo(4);
        assertThat(c.asanaRateLimits()).isEqualTo(new RateLimits(60, 5, 2));

        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("ASANA_AGENT_RATE_LIMIT_WAIT", "soon")))
                .hasMessage("ASANA_AGENT_RATE_LIMIT_WAIT: expected a duration such as 500ms, 10s, 2m or 1h, got 'soon'");
        assertThat(ServerConfig.fromEnv(Map.of("ASANA_AGENT_HEADER_TIMEOUT", "2s", "ASANA_AGENT_IDLE_TIMEOUT", "1m",
                "ASANA_AGENT_MAX_CONNECTIONS", "50")).httpLimits()).isEqualTo(dev.agentconnector.http.HttpLimits
                .defaults().toBuilder().headerTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofMinutes(1))
                .maxConnections(50).build());
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("ASANA_AGENT_MAX_CONNECTIONS", "many")))
                .hasMessage("ASANA_AGENT_MAX_CONNECTIONS: expected a whole number, got 'many'");
        assertThatThrownBy(() -> ServerConfig.builder().rateLimitWait(Duration.ofSeconds(-1)))
                .hasMessageContaining("rateLimitWait");
        assertThatThrownBy(() -> ServerConfig.builder().rateLimitMaxWaiting(0))
                .hasMessageContaining("rateLimitMaxWaiting").hasMessageContaining("at least 1");
    }

    @Test
    void badSettingsAreRejectedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("ASANA_AGENT_MASTER_KEY", "c2hvcnQ=")))
                .hasMessageContaining("ASANA_AGENT_MASTER_KEY").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("ASANA_AGENT_MASTER_KEY", "not base64!")))
                .hasMessageContaining("base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> ServerConfig.builder().dbUrl("jdbc:mysql://h/db?password=hunter2"))
                .hasMessageContaining("jdbc:postgresql").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ServerConfig.builder().asanaBaseUrl("ftp://x")).hasMessageContaining("http");
        assertThatThrownBy(() -> ServerConfig.builder().port(70000)).hasMessageContaining("port");
    }
}
