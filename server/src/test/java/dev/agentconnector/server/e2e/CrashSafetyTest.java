package dev.agentconnector.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL during a load of creates and executes loses no connector that was acknowledged with a 201. */
class CrashSafetyTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process startServer(Stack stack) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ServerProcess.class.getName(), stack.dataDir.toString(),
                stack.masterKeyBase64(), stack.sim.baseUrl(), stack.sim.tokenUrl(), stack.sim.authorizeUrl());
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int readPort(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).as("server process ready line").startsWith("PORT ");
        return Integer.parseInt(line.substring(5).trim());
    }

    private static HttpResponse<String> post(String base, String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAcknowledgedConnectorSurvivesAKill() throws Exception {
        try (Stack stack = new Stack(ServerConfig.builder())) {
            String token = stack.appToken();
            stack.server.close(); // the in-process instance only set up the tenant; the child takes over
            stack.server = null;
            Process child = startServer(stack);
            String base = "http://127.0.0.1:" + readPort(child);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                load.add(pool.submit(() -> {
                    int i = 0;
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = post(base, "/api/v1/integrations/connectors", token,
                                    "{\"workspace_name\":\"ws-" + thread + "\",\"connector_type\":\"Asana\","
                                            + "\"name\":\"c-" + thread + "-" + i++ + "\",\"credentials\":{\"token\":\""
                                            + stack.sim.personalAccessToken() + "\"}}");
                            if (r.statusCode() == 201) {
                                String id = Stack.JSON.readTree(r.body()).get("id").asText();
                                acknowledged.add(id);
                                post(base, "/api/v1/integrations/connectors/" + id + "/execute", token,
                                        "{\"entity\":\"users\",\"action\":\"get\",\"params\":{\"user_gid\":\"me\"}}");
                            }
                        } catch (Exception connectionLost) {
                            // expected once the process is killed
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            running.set(false);
            for (Future<?> f : load) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

            Process restarted = startServer(stack);
            try {
                String again = "http://127.0.0.1:" + readPort(restarted);
                for (String id : acknowledged) {
                    HttpResponse<String> r = post(again, "/api/v1/integrations/connectors/" + id + "/execute", token,
                            "{\"entity\":\"users\",\"action\":\"get\",\"params\":{\"user_gid\":\"me\"}}");
                    assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(200);
                    JsonNode json = Stack.JSON.readTree(r.body());
                    assertThat(json.get("status").asText()).as(r.body()).isEqualTo("success");
                }
            } finally {
                restarted.destroyForcibly();
                restarted.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
