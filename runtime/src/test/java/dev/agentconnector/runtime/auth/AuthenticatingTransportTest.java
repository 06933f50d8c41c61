package dev.agentconnector.runtime.auth;

import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticatingTransportTest {
    private static ApiRequest get(String url) {
        return new ApiRequest("t.get", "GET", URI.create(url), Map.of(), null, false);
    }

    @Test
    void authGoesOnlyToTheApiOrigin() {
        ScriptedTransport server = new ScriptedTransport().then(200).then(200).then(200).then(200);
        AuthenticatingTransport t = new AuthenticatingTransport(server, new BearerTokenAuthenticator("pat"),
                URI.create("https://app.asana.com/api/1.0"));
        t.send(get("https://app.asana.com/api/1.0/tasks/1"));
        t.send(get("https://app.asana.com.evil.example/api/1.0/tasks/1"));
        t.send(get("http://app.asana.com/api/1.0/tasks/1"));
        t.send(get("https://app.asana.com:8443/api/1.0/tasks/1"));
        assertThat(server.sent().get(0).headers()).containsEntry("Authorization", "Bearer pat");
        assertThat(server.sent().subList(1, 4)).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("Authorization"));
    }

    @Test
    void unauthorizedIsRetriedOnceWithTheRenewedCredential() {
        ScriptedTransport server = new ScriptedTransport().then(401).then(401);
        Authenticator renewing = new Authenticator() {
            String token = "old";

            @Override
            public String authorization() {
                return "Bearer " + token;
            }

            @Override
            public boolean renewAfterRejection(String rejected) {
                token = "new";
                return true;
            }
        };
        AuthenticatingTransport t = new AuthenticatingTransport(server, renewing, URI.create("http://h:1/api"));
        assertThat(t.send(get("http://h:1/api/x")).status()).isEqualTo(401);
        assertThat(server.sent()).hasSize(2);
        assertThat(server.sent().get(1).headers()).containsEntry("Authorization", "Bearer new");
    }
}
