package dev.agentconnector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.runtime.spec.OperationSpec;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Throughput of the connector against raw {@code java.net.http} requests for the same URLs, both against one
 * in-process simulator. Every side of every workload is warmed up first (interleaved), then measured in rounds that
 * run each side once, in an order rotated from round to round, with a collection before each run so that no side is
 * charged for another's garbage. Prints the settings, the machine's state and a Markdown table of medians with the
 * range over the rounds; {@code --help} lists the options.
 */
public final class Bench {
    static final String COMMAND = "java -jar bench/target/asana-agent-bench.jar";
    /** Shared by the benchmarks of this package. */
    static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final double WARMUP_SLICE_SECONDS = 0.5;

    private Bench() {
    }

    private record Settings(double seconds, int rounds, double warmup, int threads, int paging, boolean perRound) {
    }

    /** One side of a workload: a name and the call it makes. */
    private record Side(String name, Callable<Boolean> call) {
    }

    /** A workload measured several ways (sides); the first side is the connector. */
    private record Workload(String name, int threads, List<Side> sides) {
    }

    public static void main(String[] args) {
        Options o = new Options(COMMAND, "Throughput of the connector against raw java.net.http for the same "
                + "requests, against an in-process simulator (seed 42)."
                + " Run it with a fixed heap (java " + Harness.FIXED_HEAP + " ...) on an otherwise idle machine.")
                .option("seconds", "S", "2", "measured time per side per round")
                .option("rounds", "N", "7", "measured rounds; each runs every side of every workload once, in an "
                        + "order rotated from round to round")
                .option("warmup", "S", "4", "warm-up per side per workload before the first round, in interleaved "
                        + "slices of " + WARMUP_SLICE_SECONDS + " s, prolonged (up to 3 times) while the JIT is still "
                        + "busy; 0 for none")
                .option("threads", "N", "16", "threads of the concurrent workloads")
                .option("paging", "N", "0", "also page through a project of N tasks (1000..100000; a second "
                        + "simulator, about 16 KB of heap per task): fetch_all against raw paging; 0 for none")
                .option("per-round", "yes|no", "no", "also print every round's figures")
                .parseOrExit(args);
        Settings s = o.orExit(() -> {
            String perRound = o.string("per-round");
            if (!perRound.equals("yes") && !perRound.equals("no")) {
                throw new Options.UsageException("--per-round must be yes or no, got '" + perRound + "'");
            }
            int paging = o.integer("paging", 0, 100_000);
            if (paging != 0 && paging < 1000) {
                throw new Options.UsageException("--paging must be 0 or between 1000 and 100000, got " + paging);
            }
            return new Settings(o.decimal("seconds", 0.1, 3600), o.integer("rounds", 1, 1000),
                    o.decimal("warmup", 0, 3600), o.integer("threads", 1, 1024), paging, perRound.equals("yes"));
        });
        o.runOrExit(() -> run(s, o.settings()));
    }

    private static void run(Settings s, String settings) throws Exception {
        System.out.println("# Connector against raw java.net.http, " + Instant.now());
        System.out.println();
        System.out.println("settings: " + settings);
        Harness.machine().forEach(System.out::println);
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start();
             AsanaSimulator big = s.paging() == 0 ? null
                     : AsanaSimulator.builder().seed(42).tasksPerProject(s.paging()).build().start()) {
            String token = sim.personalAccessToken();
            String taskGid = sim.fixtures().taskGid();
            String projectGid = sim.fixtures().projectGid();
            // The simulator applies no rate limit here, so the client-side limiter is set high enough never to
            // wait; its bookkeeping still runs on every call.
            RateLimits neverWait = new RateLimits(100_000_000, 1000, 1000);
            ConnectorOptions options = ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl())
                    .rateLimits(neverWait).build();
            try (AsanaConnector asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(token), options);
                 AsanaConnector bigAsana = big == null ? null : new AsanaConnector(
                         new AsanaPersonalAccessTokenAuthConfig(big.personalAccessToken()), ConnectorOptions.builder()
                         .baseUrl(big.baseUrl()).rateLimits(neverWait).build())) {
                HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                String getFields = fields(AsanaSpec.get().operation("tasks", "get"));
                String listFields = fields(AsanaSpec.get().operation("project_tasks", "list"));
                URI getUri = URI.create(sim.baseUrl() + "/tasks/" + taskGid + "?opt_fields=" + getFields);
                URI listUri = URI.create(sim.baseUrl() + "/projects/" + projectGid + "/tasks?limit=100&opt_fields="
                        + listFields);
                Map<String, Object> getParams = Map.of("task_gid", taskGid);
                Map<String, Object> listParams = Map.of("project_gid", projectGid, "limit", 100);
                List<Side> get = List.of(
                        new Side("connector", () -> asana.execute("tasks", "get", getParams).success()),
                        new Side("raw", () -> rawCall(raw, getUri, token, false)),
                        new Side("raw + JSON parse", () -> rawCall(raw, getUri, token, true)));
                List<Side> list = List.of(
                        new Side("connector", () -> asana.execute("project_tasks", "list", listParams).success()),
                        new Side("raw", () -> rawCall(raw, listUri, token, false)),
                        new Side("raw + JSON parse", () -> rawCall(raw, listUri, token, true)));
                List<Workload> workloads = new ArrayList<>(List.of(
                        new Workload("tasks.get, sequential", 1, get),
                        new Workload("tasks.get, " + s.threads() + " threads", s.threads(), get),
                        new Workload("project_tasks.list, sequential", 1, list),
                        new Workload("project_tasks.list, " + s.threads() + " threads", s.threads(), list)));
                if (big != null) {
                    workloads.add(pagingWorkload(big, bigAsana, raw, s.paging(), listFields));
                }
                int records = asana.execute("project_tasks", "list", listParams).data().size();
                System.out.printf(Locale.ROOT, "the list returns %d records per call%s%n", records, big == null ? ""
                        : "; a paging call reads all " + s.paging() + " tasks of a project, 100 per page");
                measure(s, workloads);
            }
        }
    }

    /** Reads every task of the big simulator's fixture project: fetch_all against following next_page by hand. */
    private static Workload pagingWorkload(AsanaSimulator big, AsanaConnector asana, HttpClient raw, int n,
                                           String listFields) {
        String project = big.fixtures().projectGid();
        Map<String, Object> params = Map.of("project_gid", project, "limit", 100, "fetch_all", true,
                "max_records", n);
        String first = "/projects/" + project + "/tasks?limit=100&opt_fields=" + listFields;
        Callable<Boolean> connector = () -> {
            ExecutionResult r = asana.execute("project_tasks", "list", params);
            return r.success() && r.data().size() == n;
        };
        Callable<Boolean> rawPaging = () -> {
            String path = first;
            int seen = 0;
            while (path != null) {
                HttpResponse<byte[]> res = raw.send(HttpRequest.newBuilder(URI.create(big.baseUrl() + path))
                        .header("Authorization", "Bearer " + big.personalAccessToken())
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (res.statusCode() != 200) {
                    return false;
                }
                JsonNode body = JSON_MAPPER.readTree(res.body());
                seen += body.get("data").size();
                JsonNode next = body.get("next_page");
                path = next == null || next.isNull() ? null : next.get("path").asText();
            }
            return seen == n;
        };
        return new Workload("project_tasks.list of " + n + " tasks, all pages, sequential", 1,
                List.of(new Side("connector", connector), new Side("raw + JSON parse", rawPaging)));
    }

    private static void measure(Settings s, List<Workload> workloads) throws Exception {
        // Warm-up: every side of every workload, in slices that alternate between the sides, so that the JIT has
        // compiled (and, after the other workloads' profiles, recompiled) each path before any round is timed.
        int slices = (int) Math.ceil(s.warmup() / WARMUP_SLICE_SECONDS);
        Harness.WarmUp warm = Harness.warmUp(slices, slice -> {
            for (Workload w : workloads) {
                for (Side side : Harness.rotated(w.sides(), slice)) {
                    Harness.run(side.call(), w.threads(), WARMUP_SLICE_SECONDS, false);
                }
            }
        });

        Harness.Run[][][] runs = new Harness.Run[workloads.size()][][];
        for (int i = 0; i < workloads.size(); i++) {
            runs[i] = new Harness.Run[workloads.get(i).sides().size()][s.rounds()];
        }
        for (int round = 0; round < s.rounds(); round++) {
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < w.sides().size(); k++) {
                    order.add(k);
                }
                for (int k : Harness.rotated(order, round)) {
                    Harness.settle();
                    runs[i][k][round] = Harness.run(w.sides().get(k).call(), w.threads(), s.seconds(), false);
                }
                if (s.perRound()) {
                    printRound(round, w, runs[i]);
                }
            }
        }
        if (s.perRound()) {
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%n%s; measured: %d rounds of %s s per side; load average now %s%n%n",
                warm.describe(), s.rounds(), plain(s.seconds()), Harness.loadAverage());
        System.out.println("Median over the rounds, (min–max) in brackets; ratios are taken per round, between runs "
                + "of the same round.");
        System.out.println();
        System.out.println("| workload | connector calls/s | raw calls/s | raw + JSON parse calls/s | raw ÷ connector "
                + "| (raw + parse) ÷ connector |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            double[] c = rates(runs[i][0]);
            int parsed = w.sides().size() - 1;
            String rawCol = w.sides().size() == 3 ? Harness.spread(rates(runs[i][1]), "%.0f") : "—";
            String rawRatio = w.sides().size() == 3 ? Harness.spread(ratios(runs[i][1], runs[i][0]), "%.2f×")
                    : "—";
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", w.name(),
                    Harness.spread(c, c[0] < 10 ? "%.2f" : "%.0f"), rawCol,
                    Harness.spread(rates(runs[i][parsed]), c[0] < 10 ? "%.2f" : "%.0f"), rawRatio,
                    Harness.spread(ratios(runs[i][parsed], runs[i][0]), "%.2f×"));
        }
        System.out.println();
        System.out.println("JIT compilation and GC during the measured runs (sum over the rounds; a large JIT figure "
                + "means the warm-up was too short):");
        System.out.println();
        System.out.println("| workload | side | JIT ms | GCs | GC ms |");
        System.out.println("|---|---|---:|---:|---:|");
        for (int i = 0; i < workloads.size(); i++) {
            for (int k = 0; k < workloads.get(i).sides().size(); k++) {
                long jit = 0;
                long gcs = 0;
                long gcMillis = 0;
                for (Harness.Run r : runs[i][k]) {
                    jit += r.jitMillis();
                    gcs += r.gcCount();
                    gcMillis += r.gcMillis();
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d |%n", workloads.get(i).name(),
                        workloads.get(i).sides().get(k).name(), jit, gcs, gcMillis);
            }
        }
    }

    private static void printRound(int round, Workload w, Harness.Run[][] sides) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "round %d, %s:", round + 1, w.name()));
        for (int k = 0; k < sides.length; k++) {
            Harness.Run r = sides[k][round];
            sb.append(String.format(Locale.ROOT, " %s %.1f/s (JIT %d ms, %d GCs %d ms);", w.sides().get(k).name(),
                    r.perSecond(), r.jitMillis(), r.gcCount(), r.gcMillis()));
        }
        for (int k = 1; k < sides.length; k++) {
            sb.append(String.format(Locale.ROOT, " %s ÷ connector %.2f×", w.sides().get(k).name(),
                    sides[k][round].perSecond() / sides[0][round].perSecond()));
        }
        System.out.println(sb);
    }

    private static double[] rates(Harness.Run[] runs) {
        double[] out = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            out[i] = runs[i].perSecond();
        }
        return out;
    }

    private static double[] ratios(Harness.Run[] over, Harness.Run[] under) {
        double[] out = new double[over.length];
        for (int i = 0; i < over.length; i++) {
            out[i] = over[i].perSecond() / under[i].perSecond();
        }
        return out;
    }

    static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String fields(OperationSpec op) {
        return URLEncoder.encode(String.join(",", op.defaultFields()), StandardCharsets.UTF_8);
    }

    private static boolean rawCall(HttpClient client, URI uri, String token, boolean parse) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (parse) {
            JSON_MAPPER.readTree(res.body());
        }
        return res.statusCode() == 200;
    }
}
