package dev.agentconnector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaHostedAuthConfig;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes per second and latency percentiles of {@code tasks.get} through the execution service (the SDK's hosted
 * mode) beside the same call in local mode, against one in-process simulator. Prints a Markdown table.
 *
 * <p>Usage: {@code java -cp bench/target/asana-agent-bench.jar dev.agentconnector.bench.ServiceBench
 * [--seconds N] [--threads N] [--db JDBC_URL]}.
 */
public final class ServiceBench {
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.agentconnector");

    private ServiceBench() {
    }

    private record Stats(double perSecond, double p50, double p99) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "5"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        QUIET.setLevel(java.util.logging.Level.WARNING); // no request log lines in the results
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start()) {
            ServerConfig config = ServerConfig.builder().port(0).dataDir(Files.createTempDirectory("service-bench"))
                    .dbUrl(opts.get("db")).masterKey(key).asanaBaseUrl(sim.baseUrl()).asanaTokenUrl(sim.tokenUrl())
                    .asanaAuthorizeUrl(sim.authorizeUrl())
                    // the simulator applies no limit here; as on the local side, the limiter never waits
                    .asanaRateLimits(new RateLimits(100_000_000, 1000, 1000)).build();
            try (AsanaAgentServer server = AsanaAgentServer.start(config)) {
                JsonNode app;
                try (Admin admin = Admin.open(config)) {
                    String org = "bench-" + System.nanoTime();
                    admin.createOrganization(org);
                    app = admin.createApplication(org, "bench");
                }
                String clientId = app.get("client_id").asText();
                String clientSecret = app.get("client_secret").asText();
                createConnector(server.baseUrl(), clientId, clientSecret, sim.personalAccessToken());
                ConnectorOptions fast = ConnectorOptions.builder().baseUrl(sim.baseUrl())
                        .rateLimits(new RateLimits(100_000_000, 1000, 1000)).build();
                Map<String, Object> params = Map.of("task_gid", sim.fixtures().taskGid());
                try (AsanaConnector local = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                        sim.personalAccessToken()), fast);
                     AsanaConnector hosted = new AsanaConnector(AsanaHostedAuthConfig.forWorkspace(clientId,
                             clientSecret, "bench").withApiUrl(server.baseUrl()), ConnectorOptions.defaults())) {
                    Callable<Boolean> localCall = () -> local.execute("tasks", "get", params).success();
                    Callable<Boolean> hostedCall = () -> hosted.execute("tasks", "get", params).success();
                    for (int warm = 0; warm < 2; warm++) {
                        run(localCall, threads, seconds / 2);
                        run(hostedCall, threads, seconds / 2);
                    }
                    System.out.printf(Locale.ROOT, "tasks.get, %d threads, %.0f s per mode, database %s%n%n", threads,
                            seconds, opts.get("db") == null ? "SQLite" : "PostgreSQL");
                    System.out.println("| mode | executes/s | p50 ms | p99 ms |");
                    System.out.println("|---|---:|---:|---:|");
                    for (int threadCount : new int[] {1, threads}) {
                        Stats l = run(localCall, threadCount, seconds);
                        Stats h = run(hostedCall, threadCount, seconds);
                        print("local (direct to the simulator), " + threadCount + " thread(s)", l);
                        print("hosted (SDK → service → simulator), " + threadCount + " thread(s)", h);
                    }
                }
            }
        }
    }

    private static void print(String name, Stats s) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f |%n", name, s.perSecond(), s.p50(), s.p99());
    }

    private static void createConnector(String api, String clientId, String clientSecret, String pat) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = Bench.JSON_MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(api
                        + "/api/v1/account/applications/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + clientId + "\",\"client_secret\":\""
                        + clientSecret + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("access_token").asText();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/integrations/connectors"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"bench\",\"connector_type\":\"Asana\","
                        + "\"credentials\":{\"token\":\"" + pat + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating the connector: " + r.statusCode() + " " + r.body());
        }
    }

    private static Stats run(Callable<Boolean> call, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < deadline && n < latencies.length) {
                    long s = System.nanoTime();
                    if (!call.call()) {
                        throw new IllegalStateException("a call failed");
                    }
                    latencies[n++] = System.nanoTime() - s;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Stats(all.length / elapsed, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }
}
