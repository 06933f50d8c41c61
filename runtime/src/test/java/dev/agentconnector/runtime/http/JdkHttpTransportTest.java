package dev.agentconnector.runtime.http;

import com.sun.net.httpserver.HttpServer;
import dev.agentconnector.runtime.error.TransportException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkHttpTransportTest {
    @Test
    void plainHttpClientCallsHttpEndpointsAndRefusesHttps() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = JdkHttpTransport.plainHttpApiClient(Duration.ofSeconds(5));
            assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
            assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            JdkHttpTransport transport = new JdkHttpTransport(client, Duration.ofSeconds(5));
            URI http = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
            try (ApiResponse r = transport.send(new ApiRequest("things.get", "GET", http, Map.of(), null, false))) {
                assertThat(r.status()).isEqualTo(200);
            }

            URI https = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/x");
            assertThatThrownBy(() -> transport.send(new ApiRequest("things.get", "GET", https, Map.of(), null, false)))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("this HTTP client is for plain http endpoints only");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClientSupplierIsAskedOnlyWhenARequestIsSent() {
        int[] asked = {0};
        new JdkHttpTransport(() -> {
            asked[0]++;
            return HttpClient.newHttpClient();
        }, Duration.ofSeconds(5));
        assertThat(asked[0]).isZero();
    }
}
