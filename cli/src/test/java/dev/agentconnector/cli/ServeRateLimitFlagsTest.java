package dev.agentconnector.cli;

import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code serve}'s rate-limit flags reach the service's settings; bad values are refused naming the flag. */
class ServeRateLimitFlagsTest {
    private static ServerConfig config(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        ServerConfig.Builder b = ServerConfig.builder();
        serve.applyRateLimits(b);
        return b.build();
    }

    @Test
    void flagsSetTheDefaultsOfEveryConnector() {
        ServerConfig none = config();
        assertThat(none.asanaRateLimits()).isEqualTo(RateLimits.ASANA_DEFAULT);
        assertThat(none.rateLimitWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(none.rateLimitMaxWaiting()).isEqualTo(16);

        ServerConfig set = config("--rate-limit-per-minute", "150", "--max-concurrent-writes", "5",
                "--rate-limit-wait", "500ms", "--rate-limit-max-waiting", "4");
        assertThat(set.asanaRateLimits()).isEqualTo(new RateLimits(150, 50, 5));
        assertThat(set.rateLimitWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(set.rateLimitMaxWaiting()).isEqualTo(4);
        assertThat(config("--rate-limit-wait", "0", "--rate-limit-per-minute", "0").asanaRateLimits()
                .requestsPerMinute()).isZero();
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> config("--max-concurrent-reads", "-1"))
                .hasMessage("--max-concurrent-reads must be 0 or more (0 = no cap), got -1");
        assertThatThrownBy(() -> config("--rate-limit-wait", "soon"))
                .hasMessage("--rate-limit-wait: expected a duration such as 500ms, 10s, 2m or 1h, got 'soon'");
        assertThatThrownBy(() -> config("--rate-limit-wait", "-2s"))
                .hasMessage("--rate-limit-wait: expected a duration such as 500ms, 10s, 2m or 1h, got '-2s'");
        assertThatThrownBy(() -> config("--rate-limit-max-waiting", "0"))
                .hasMessage("--rate-limit-max-waiting must be 1 or more, got 0");
    }

    @Test
    void theCommandExitsWithAUsageErrorBeforeStarting() throws Exception {
        CliProcess.Result r = CliProcess.run(Map.of(), "serve", "--port", "0", "--rate-limit-wait", "soon");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--rate-limit-wait: expected a duration such as 500ms");
    }
}
