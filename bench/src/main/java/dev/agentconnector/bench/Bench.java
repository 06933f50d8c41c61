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
 * <p>Usage: {@code java -jar bench/target/asana-agent-bench.jar [--seconds N] [--threads N] [--rounds N]
 * [--warmup N]}.
 */
public final class Bench {
    private Bench() {
    }

    /** One workload measured two ways. */
    private record Workload(String name, int threads, Callable<Boolean> connector, Callable<Boolean> raw,
                            Callable<Boolean> rawParsed) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "2"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));

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
                Callable<Boolean> rawGet = () -> rawCall(raw, getUri, token, false);
                Callable<Boolean> rawGetParsed = () -> rawCall(raw, getUri, token, true);
                Callable<Boolean> connectorList = () -> asana.execute("project_tasks", "list",
                        Map.of("project_gid", projectGid, "limit", 100)).success();
                Callable<Boolean> rawList = () -> rawCall(raw, listUri, token, false);
                Callable<Boolean> rawListParsed = () -> rawCall(raw, listUri, token, true);

                List<Workload> workloads = List.of(
                        new Workload("tasks.get, sequential", 1, connectorGet, rawGet, rawGetParsed),
                        new Workload("tasks.get, " + threads + " threads", threads, connectorGet, rawGet, rawGetParsed),
                        new Workload("project_tasks.list, sequential", 1, connectorList, rawList, rawListParsed),
                        new Workload("project_tasks.list, " + threads + " threads", threads, connectorList,
                                rawList, rawListParsed));
                double warmup = Double.parseDouble(opts.getOrDefault("warmup", "5"));
                for (Workload w : workloads) { // JIT warm-up of both paths, not reported
                    measure(w.threads(), w.connector(), warmup / workloads.size() / 2);
                    measure(w.threads(), w.raw(), warmup / workloads.size() / 2);
                    measure(w.threads(), w.rawParsed(), warmup / workloads.size() / 2);
                }
                double[][] connector = new double[workloads.size()][rounds];
                double[][] rawRates = new double[workloads.size()][rounds];
                double[][] parsedRates = new double[workloads.size()][rounds];
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < workloads.size(); i++) {
                        Workload w = workloads.get(i);
                        // rotate the order each round so that no side always runs first or last
                        List<Runnable> sides = new ArrayList<>(List.of(
                                measureInto(connector, i, round, w.threads(), w.connector(), seconds),
                                measureInto(rawRates, i, round, w.threads(), w.raw(), seconds),
                                measureInto(parsedRates, i, round, w.threads(), w.rawParsed(), seconds)));
                        java.util.Collections.rotate(sides, round);
                        sides.forEach(Runnable::run);
                    }
                }
                int records = asana.execute("project_tasks", "list", Map.of("project_gid", projectGid, "limit", 100))
                        .data().size();
                System.out.printf(Locale.ROOT, "%d rounds of %.1f s per side, median round shown; the list returns "
                        + "%d records per call%n%n", rounds, seconds, records);
                System.out.println("| workload | connector calls/s | raw calls/s | raw + JSON parse calls/s "
                        + "| raw ÷ connector | (raw + parse) ÷ connector |");
                System.out.println("|---|---:|---:|---:|---:|---:|");
                for (int i = 0; i < workloads.size(); i++) {
                    double c = median(connector[i]);
                    double r = median(rawRates[i]);
                    double p = median(parsedRates[i]);
                    System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.2f× | %.2f× |%n",
                            workloads.get(i).name(), c, r, p, r / c, p / c);
                }
            }
        }
    }

    private static String fields(OperationSpec op) {
        return URLEncoder.encode(String.join(",", op.defaultFields()), StandardCharsets.UTF_8);
    }

    /** Shared by the benchmarks of this package. */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON_MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = JSON_MAPPER;

    private static boolean rawCall(HttpClient client, URI uri, String token, boolean parse) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (parse) {
            JSON.readTree(res.body());
        }
        return res.statusCode() == 200;
    }

    private static Runnable measureInto(double[][] into, int i, int round, int threads, Callable<Boolean> call,
                                        double seconds) {
        return () -> {
            try {
                into[i][round] = measure(threads, call, seconds);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Runs {@code call} on {@code threads} threads for {@code seconds}; returns successful calls per second. */
    private static double measure(int threads, Callable<Boolean> call, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long ok = 0;
                long failed = 0;
                while (System.nanoTime() < deadline) {
                    if (call.call()) {
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
            throw new IllegalStateException(failed + " calls failed");
        }
        return ok / elapsed;
    }
}
