package dev.agentconnector.bench;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.runtime.spec.OperationSpec;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the connector against raw {@code java.net.http} requests for the same URLs, both against one
 * in-process simulator, measured side by side in alternating rounds. Prints a Markdown table.
 *
 * <p>Usage: {@code java -jar bench/target/asana-agent-bench.jar [--seconds N] [--threads N] [--rounds N]}.
 */
public final class Bench {
    private Bench() {
    }

    /** One workload measured two ways. */
    private record Workload(String name, int threads, Callable<Boolean> connector, Callable<Boolean> raw) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "3"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));

        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start()) {
            String token = sim.personalAccessToken();
            String taskGid = sim.fixtures().taskGid();
            String projectGid = sim.fixtures().projectGid();
            // The simulator applies no rate limit here, so the client-side limiter is set high enough never to
            // wait; its bookkeeping still runs on every call.
            ConnectorOptions options = ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl())
                    .rateLimits(new RateLimits(100_000_000, 1000, 1000)).build();
            try (AsanaConnector asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(token), options)) {
                HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                URI getUri = URI.create(sim.baseUrl() + "/tasks/" + taskGid + "?opt_fields="
                        + fields(AsanaSpec.get().operation("tasks", "get")));
                URI listUri = URI.create(sim.baseUrl() + "/projects/" + projectGid + "/tasks?limit=100&opt_fields="
                        + fields(AsanaSpec.get().operation("project_tasks", "list")));
                Callable<Boolean> connectorGet = () -> asana.execute("tasks", "get", Map.of("task_gid", taskGid)).success();
                Callable<Boolean> rawGet = () -> rawCall(raw, getUri, token);
                Callable<Boolean> connectorList = () -> asana.execute("project_tasks", "list",
                        Map.of("project_gid", projectGid, "limit", 100)).success();
                Callable<Boolean> rawList = () -> rawCall(raw, listUri, token);

                List<Workload> workloads = List.of(
                        new Workload("tasks.get, sequential", 1, connectorGet, rawGet),
                        new Workload("tasks.get, " + threads + " threads", threads, connectorGet, rawGet),
                        new Workload("project_tasks.list limit=100, sequential", 1, connectorList, rawList),
                        new Workload("project_tasks.list limit=100, " + threads + " threads", threads, connectorList,
                                rawList));
                System.out.println("| workload | connector calls/s | raw java.net.http calls/s | raw ÷ connector |");
                System.out.println("|---|---:|---:|---:|");
                for (Workload w : workloads) {
                    measure(w, seconds / 3, 1); // warm-up, not reported
                    double c = 0;
                    double r = 0;
                    for (int i = 0; i < rounds; i++) {
                        c += measure(new Workload(w.name(), w.threads(), w.connector(), w.connector()), seconds, 1);
                        r += measure(new Workload(w.name(), w.threads(), w.raw(), w.raw()), seconds, 1);
                    }
                    c /= rounds;
                    r /= rounds;
                    System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× |%n", w.name(), c, r, r / c);
                }
            }
        }
    }

    private static String fields(OperationSpec op) {
        return URLEncoder.encode(String.join(",", op.defaultFields()), StandardCharsets.UTF_8);
    }

    private static boolean rawCall(HttpClient client, URI uri, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        return res.statusCode() == 200;
    }

    /** Runs the workload's first callable on its threads for {@code seconds}; returns successful calls per second. */
    private static double measure(Workload w, double seconds, int ignored) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(w.threads());
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < w.threads(); t++) {
            futures.add(pool.submit(() -> {
                long ok = 0;
                long failed = 0;
                while (System.nanoTime() < deadline) {
                    if (w.connector().call()) {
                        ok++;
                    } else {
                        failed++;
                    }
                }
                return new long[] {ok, failed};
            }));
        }
        long ok = 0;
        long failed = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            ok += r[0];
            failed += r[1];
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed > 0) {
            throw new IllegalStateException(w.name() + ": " + failed + " calls failed");
        }
        return ok / elapsed;
    }
}
