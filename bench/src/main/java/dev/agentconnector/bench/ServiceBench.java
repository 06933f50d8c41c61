package dev.agentconnector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaHostedAuthConfig;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.http.ErrorBody;
import dev.agentconnector.http.HttpLimits;
import dev.agentconnector.http.WebServer;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Executes per second and latency percentiles of {@code tasks.get} through the execution service (the SDK's hosted
 * mode) beside the same call in local mode, against one in-process simulator. Each mode and thread count is warmed
 * up first (interleaved), then measured in rounds that alternate the modes (in an order rotated from round to
 * round), with a collection before each run. Prints the settings, the machine's state and a Markdown table of
 * medians with the range over the rounds; {@code --help} lists the options.
 *
 * <p>Beside them runs the floor of any relaying service on this machine: the same GET of the task with raw
 * {@code java.net.http}, once straight to the simulator and once through a relay on the service's HTTP stack that
 * does nothing but forward it with the same client. Their ratio is what a second hop costs before any work.
 */
public final class ServiceBench {
    private static final String COMMAND = "java -cp bench/target/asana-agent-bench.jar "
            + "dev.agentconnector.bench.ServiceBench";
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.agentconnector");
    private static final double WARMUP_SLICE_SECONDS = 0.5;

    private ServiceBench() {
    }

    private record Settings(double seconds, int rounds, double warmup, int threads, String db, int latencyMillis) {
    }

    public static void main(String[] args) {
        Options o = new Options(COMMAND, "tasks.get through the execution service (hosted mode: SDK -> service -> "
                + "simulator) beside the same call in local mode (SDK -> simulator), all in one process."
                + " Run it with a fixed heap (java " + Harness.FIXED_HEAP + " ...) on an otherwise idle machine.")
                .option("seconds", "S", "2", "measured time per mode per round")
                .option("rounds", "N", "5", "measured rounds; each runs every mode at every thread count once")
                .option("warmup", "S", "4", "warm-up per mode per thread count before the first round, in "
                        + "interleaved slices of " + WARMUP_SLICE_SECONDS + " s, prolonged (up to 3 times) while the "
                        + "JIT is still busy; 0 for none")
                .option("threads", "N", "8", "threads of the concurrent runs (runs with 1 thread are always made)")
                .option("db", "JDBC_URL", null, "the service's database, e.g. "
                        + "'jdbc:postgresql://127.0.0.1:5432/test?user=postgres' (default: SQLite in a temporary "
                        + "directory)")
                .option("asana-latency-ms", "MS", "0", "delay the simulator adds to every API answer, as a network "
                        + "and Asana's own time would; 0 for the bare loopback (the worst case for the ratio)")
                .parseOrExit(args);
        Settings s = o.orExit(() -> {
            String db = o.string("db");
            if (db != null && !db.startsWith("jdbc:")) {
                throw new Options.UsageException("--db must be a JDBC URL (jdbc:...), got '" + db + "'");
            }
            return new Settings(o.decimal("seconds", 0.1, 3600), o.integer("rounds", 1, 1000),
                    o.decimal("warmup", 0, 3600), o.integer("threads", 1, 1024), db,
                    o.integer("asana-latency-ms", 0, 60_000));
        });
        o.runOrExit(() -> run(s, o.settings()));
    }

    private static void run(Settings s, String settings) throws Exception {
        QUIET.setLevel(java.util.logging.Level.WARNING); // no request log lines in the results
        System.out.println("# Through the execution service, " + java.time.Instant.now());
        System.out.println();
        System.out.println("settings: " + settings);
        Harness.machine().forEach(System.out::println);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start()) {
            if (s.latencyMillis() > 0) {
                sim.control().setLatency(java.time.Duration.ofMillis(s.latencyMillis()));
            }
            ServerConfig config = ServerConfig.builder().port(0).dataDir(Files.createTempDirectory("service-bench"))
                    .dbUrl(s.db()).masterKey(key).asanaBaseUrl(sim.baseUrl()).asanaTokenUrl(sim.tokenUrl())
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
                // the engine's own client, so that the floor is that of the exchanges the connector makes
                HttpClient raw = dev.agentconnector.runtime.http.JdkHttpTransport.plainHttpApiClient(
                        java.time.Duration.ofSeconds(10));
                HttpRequest direct = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/tasks/"
                        + sim.fixtures().taskGid())).header("Authorization", "Bearer " + sim.personalAccessToken())
                        .build();
                try (AsanaConnector local = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                        sim.personalAccessToken()), fast);
                     AsanaConnector hosted = new AsanaConnector(AsanaHostedAuthConfig.forWorkspace(clientId,
                             clientSecret, "bench").withApiUrl(server.baseUrl()), ConnectorOptions.defaults());
                     WebServer relay = relay(raw, direct)) {
                    HttpRequest relayed = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port()
                            + "/relay")).build();
                    List<String> modes = List.of("local (direct to the simulator)",
                            "hosted (SDK → service → simulator)", "raw java.net.http GET, client → simulator",
                            "raw java.net.http GET, client → relay → simulator");
                    List<Callable<Boolean>> calls = List.of(() -> local.execute("tasks", "get", params).success(),
                            () -> hosted.execute("tasks", "get", params).success(),
                            () -> raw.send(direct, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200,
                            () -> raw.send(relayed, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200);
                    int[] threadCounts = s.threads() == 1 ? new int[] {1} : new int[] {1, s.threads()};
                    measure(s, modes, calls, threadCounts);
                }
            }
        }
    }

    /** A server on the service's HTTP stack that answers every request with the simulator's answer to one GET. */
    private static WebServer relay(HttpClient client, HttpRequest upstream) {
        ErrorBody errors = (status, code, message) -> new ErrorBody.Rendered("text/plain", message.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        HttpServlet forward = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    HttpResponse<byte[]> r = client.send(upstream, HttpResponse.BodyHandlers.ofByteArray());
                    resp.setStatus(r.statusCode());
                    resp.setContentType("application/json");
                    resp.setContentLength(r.body().length);
                    resp.getOutputStream().write(r.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    resp.setStatus(503);
                }
            }
        };
        return WebServer.start("127.0.0.1", 0, HttpLimits.defaults(), errors, "bench-relay",
                (context, port) -> context.addServlet(new ServletHolder(forward), "/*"));
    }

    private static void measure(Settings s, List<String> modes, List<Callable<Boolean>> calls, int[] threadCounts)
            throws Exception {
        int slices = (int) Math.ceil(s.warmup() / WARMUP_SLICE_SECONDS);
        Harness.WarmUp warm = Harness.warmUp(slices, slice -> {
            for (int threads : threadCounts) {
                for (Callable<Boolean> call : Harness.rotated(calls, slice)) {
                    Harness.run(call, threads, WARMUP_SLICE_SECONDS, false);
                }
            }
        });

        Harness.Run[][][] runs = new Harness.Run[threadCounts.length][modes.size()][s.rounds()];
        for (int round = 0; round < s.rounds(); round++) {
            for (int t = 0; t < threadCounts.length; t++) {
                for (int m : Harness.rotated(List.of(0, 1, 2, 3), round)) {
                    Harness.settle();
                    runs[t][m][round] = Harness.run(calls.get(m), threadCounts[t], s.seconds(), true);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s; measured: %d rounds of %s s per mode; database %s; load average now "
                        + "%s%s%n%n", warm.describe(), s.rounds(), Bench.plain(s.seconds()),
                s.db() == null ? "SQLite" : s.db().startsWith("jdbc:postgresql:") ? "PostgreSQL" : s.db(),
                Harness.loadAverage(), s.latencyMillis() == 0 ? "" : "; the simulator adds " + s.latencyMillis()
                        + " ms to every API answer");
        System.out.println("executes/s: median over the rounds, (min–max) in brackets; latencies per call over all "
                + "rounds and threads; the ratio is that of calls/s within each round, local ÷ hosted for the "
                + "connector and one hop ÷ two hops for raw java.net.http.");
        System.out.println();
        System.out.println("| mode | calls/s | p50 ms | p99 ms | ratio | JIT ms | GCs (ms) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int t = 0; t < threadCounts.length; t++) {
            for (int m = 0; m < modes.size(); m++) {
                Harness.Run[] r = runs[t][m];
                double[] rates = new double[r.length];
                double[] ratio = new double[r.length];
                long[] all = java.util.stream.Stream.of(r).flatMapToLong(x -> Arrays.stream(x.latenciesNanos()))
                        .sorted().toArray();
                long jit = 0;
                long gcs = 0;
                long gcMillis = 0;
                for (int i = 0; i < r.length; i++) {
                    rates[i] = r[i].perSecond();
                    int pair = m - m % 2;
                    ratio[i] = runs[t][pair][i].perSecond() / runs[t][pair + 1][i].perSecond();
                    jit += r[i].jitMillis();
                    gcs += r[i].gcCount();
                    gcMillis += r[i].gcMillis();
                }
                System.out.printf(Locale.ROOT, "| %s, %d thread(s) | %s | %.2f | %.2f | %s | %d | %d (%d) |%n",
                        modes.get(m), threadCounts[t], Harness.spread(rates, "%.0f"),
                        Harness.latencyMillis(all, 0.5), Harness.latencyMillis(all, 0.99),
                        m % 2 == 1 ? Harness.spread(ratio, "%.2f×") : "", jit, gcs, gcMillis);
            }
        }
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
}
