package dev.agentconnector.asana;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.auth.OAuthTokens;
import dev.agentconnector.runtime.exec.ExecutionResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives successes and failures with every kind of credential and scans everything observable for secrets. */
class SecretsRedactionTest {
    /** Captures every log record of the library at the finest level. */
    static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord r) {
            String text = new SimpleFormatter().format(r);
            lines.add(text);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noSecretAppearsInLogsErrorsResultsOrToString() {
        Logger root = Logger.getLogger("dev.agentconnector");
        Level oldLevel = root.getLevel();
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        List<String> observed = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        try (AsanaSimulator sim = Sim.start()) {
            secrets.add(sim.personalAccessToken());
            secrets.add(sim.refreshToken());
            secrets.add(sim.clientSecret());
            String initialAccess = sim.issueAccessToken();
            secrets.add(initialAccess);
            List<OAuthTokens> minted = new ArrayList<>();

            AsanaPersonalAccessTokenAuthConfig pat = new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken());
            AsanaOauth2AuthConfig oauth = new AsanaOauth2AuthConfig(initialAccess, sim.refreshToken(), sim.clientId(),
                    sim.clientSecret());
            observed.add(pat.toString());
            observed.add(oauth.toString());
            observed.add(oauth.toCredentials().toString());
            try (AsanaConnector a = new AsanaConnector(pat, Sim.options(sim).build());
                 AsanaConnector o = new AsanaConnector(oauth, Sim.options(sim).tokenListener(minted::add).build());
                 AsanaConnector badSecret = new AsanaConnector(new AsanaOauth2AuthConfig(null, sim.refreshToken(),
                         sim.clientId(), "wrong-" + sim.clientSecret()), Sim.options(sim).build())) {
                observed.add(a.toString());
                observed.add(o.toString());
                List<ExecutionResult> results = new ArrayList<>();
                results.add(a.execute("users", "get", Map.of("user_gid", "me")));
                results.add(a.execute("tasks", "get", Map.of("task_gid", "1999999999999999")));
                results.add(a.execute("tasks", "list", Map.of("bogus", 1)));
                results.add(a.execute("attachments", "download", Map.of("attachment_gid", sim.fixtures().attachmentGid())));
                results.get(3).download().ifPresent(d -> d.close());
                sim.control().expireAllAccessTokens();
                results.add(o.execute("users", "get", Map.of("user_gid", "me")));
                sim.control().failNext(1, 503);
                results.add(o.execute("tasks", "get", Map.of("task_gid", sim.fixtures().taskGid())));
                results.add(badSecret.execute("users", "get", Map.of("user_gid", "me")));
                sim.control().revokeRefreshToken(sim.refreshToken());
                sim.control().expireAllAccessTokens();
                results.add(o.execute("users", "get", Map.of("user_gid", "me")));
                for (ExecutionResult r : results) {
                    observed.add(r.toString());
                    if (r.exception() != null) {
                        StringWriter trace = new StringWriter();
                        r.exception().printStackTrace(new PrintWriter(trace));
                        observed.add(trace.toString());
                    }
                }
                assertThat(results.get(4).success()).isTrue();
                assertThat(results.get(6).success()).isFalse();
                assertThat(results.get(7).success()).isFalse();
                minted.forEach(t -> {
                    secrets.add(t.accessToken());
                    observed.add(t.toString());
                });
                assertThat(minted).isNotEmpty();
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(oldLevel);
        }
        observed.addAll(capture.lines);
        assertThat(capture.lines).as("debug logging was captured").isNotEmpty();
        for (String secret : secrets) {
            assertThat(secret).hasSizeGreaterThan(8);
            for (String text : observed) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}
