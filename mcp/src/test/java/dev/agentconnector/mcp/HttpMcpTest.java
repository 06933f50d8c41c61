package dev.agentconnector.mcp;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.runtime.ConnectorOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract over streamable HTTP, with the server in this JVM; plus concurrent calls on one session. */
class HttpMcpTest extends AbstractMcpContractTest {
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<AsanaConnector> connectors = new ArrayList<>();

    @Override
    McpSyncClient connect(McpServerOptions options) throws Exception {
        AsanaConnector connector = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl()).build());
        connectors.add(connector);
        HttpServer server = HttpServer.start(new AsanaMcpServer(connector, options), HttpOptions.loopback(0));
        servers.add(server);
        return client(server, null);
    }

    static McpSyncClient client(HttpServer server, String token) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port()).endpoint(HttpOptions.PATH);
        if (token != null) {
            transport.addHttpRequestCustomizer((request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token));
        }
        McpSyncClient client = McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @Override
    void stopServers() {
        servers.forEach(HttpServer::close);
        connectors.forEach(AsanaConnector::close);
    }

    @Test
    void servesConcurrentCallsOnOneSession() throws Exception {
        McpSyncClient c = client(PER_ENTITY);
        sim.stats().reset();
        sim.control().setLatency(Duration.ofMillis(150));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<CallToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> c.callTool(request("asana_tasks",
                        Map.of("action", "get", "params", Map.of("task_gid", sim.fixtures().taskGid())))));
            }
            List<Future<CallToolResult>> results = pool.invokeAll(calls);
            for (Future<CallToolResult> f : results) {
                CallToolResult r = f.get();
                assertThat(r.isError()).as(text(r)).isFalse();
                assertThat(json(r).path("data").path("gid").asText()).isEqualTo(sim.fixtures().taskGid());
            }
        } finally {
            pool.shutdownNow();
            sim.control().setLatency(Duration.ZERO);
        }
        // served side by side, not one after another
        assertThat(sim.stats().maxConcurrentReads()).isGreaterThan(1);
    }
}
