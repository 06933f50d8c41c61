package dev.agentconnector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreActions;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.contextstore.asana.AsanaSync;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.http.RateLimits;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The context store's sync against paging the same records by hand, all against one in-process simulator holding
 * {@code 10 x tasks-per-project} tasks:
 * <ul>
 *   <li>raw: the same requests a full sync makes (same {@code opt_fields}, 100 a page), sent with
 *       {@code java.net.http} and parsed with Jackson, records counted and dropped;</li>
 *   <li>full sync: {@link AsanaSync} with {@code full} into a fresh scope of the store (SQLite file, or the database of
 *       {@code --db}): the same pages through the connector, written to the store, sync tokens taken;</li>
 *   <li>incremental: after {@code --changes} tasks are renamed in Asana, the next pass (requests and time);</li>
 *   <li>a question both ways: incomplete tasks past due counted by assignee, answered by paging every project's tasks
 *       through the connector (what a connector without a store has to do) and by {@code context_store_aggregate}.</li>
 * </ul>
 */
public final class SyncBench {
    private static final String COMMAND = "java -cp bench/target/asana-agent-bench.jar dev.agentconnector.bench.SyncBench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Settings(int tasksPerProject, int rounds, String db, int changes, int latencyMillis) {
    }

    private SyncBench() {
    }

    public static void main(String[] args) {
        Options o = new Options(COMMAND, "A full context-store sync beside paging the same records raw, an "
                + "incremental sync after some changes, and one question answered by paging and by the store."
                + " Run it with a fixed heap (java " + Harness.FIXED_HEAP + " ...) on an otherwise idle machine.")
                .option("tasks-per-project", "N", "10000", "tasks in each of the simulator's 10 projects")
                .option("rounds", "N", "3", "measured rounds (raw, then full sync, in alternating order)")
                .option("changes", "N", "100", "tasks renamed before the incremental pass")
                .option("db", "JDBC_URL", null, "the store's database, e.g. "
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
            return new Settings(o.integer("tasks-per-project", 1, 200_000), o.integer("rounds", 1, 100), db,
                    o.integer("changes", 0, 10_000), o.integer("asana-latency-ms", 0, 60_000));
        });
        o.runOrExit(() -> run(s, o.settings()));
    }

    private static void run(Settings s, String settings) throws Exception {
        System.out.println("# Context-store sync, " + java.time.Instant.now());
        System.out.println();
        System.out.println("settings: " + settings);
        Harness.machine().forEach(System.out::println);
        StoreLocation where = s.db() != null ? StoreLocation.jdbc(s.db())
                : StoreLocation.dataDir(Files.createTempDirectory("sync-bench"), true);
        ContextStore store = where.open();
        System.out.println("store: " + where.describe());
        RateLimits neverWait = new RateLimits(100_000_000, 1000, 1000);
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).tasksPerProject(s.tasksPerProject()).build()
                .start();
             AsanaConnector asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                     sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(sim.baseUrl())
                     .rateLimits(neverWait).build())) {
            if (s.latencyMillis() > 0) {
                sim.control().setLatency(Duration.ofMillis(s.latencyMillis()));
            }
            Raw raw = new Raw(sim.baseUrl(), sim.personalAccessToken());
            // warm-up: one of each at full size, so that the rounds measure compiled code
            long records = raw.pass();
            String warm = "bench-warm";
            new AsanaSync(asana, store, warm, Clock.systemUTC()).run(List.of(),
                    Set.copyOf(AsanaSync.DEFAULT_ENTITIES), true, line -> { });
            store.deleteScope(warm);
            System.out.printf(Locale.ROOT, "dataset: %d records in %d requests per pass%n", records, raw.requests);
            System.out.println("load average before the rounds: " + Harness.loadAverage());
            System.out.println();

            double[] rawSec = new double[s.rounds()];
            double[] syncSec = new double[s.rounds()];
            double[] ratio = new double[s.rounds()];
            long[] peakHeap = new long[s.rounds()];
            AsanaSync.Report last = null;
            String scope = null;
            for (int round = 0; round < s.rounds(); round++) {
                if (scope != null) {
                    store.deleteScope(scope);
                }
                scope = "bench-" + round;
                String sc = scope;
                AsanaSync.Report[] report = new AsanaSync.Report[1];
                Runnable rawSide = () -> raw.pass();
                Runnable syncSide = () -> report[0] = new AsanaSync(asana, store, sc, Clock.systemUTC()).run(List.of(),
                        Set.copyOf(AsanaSync.DEFAULT_ENTITIES), true, line -> { });
                boolean rawFirst = round % 2 == 0;
                double a = timed(rawFirst ? rawSide : syncSide, null);
                long[] peak = new long[1];
                double b = timed(rawFirst ? syncSide : rawSide, peak);
                rawSec[round] = rawFirst ? a : b;
                syncSec[round] = rawFirst ? b : a;
                ratio[round] = syncSec[round] / rawSec[round];
                peakHeap[round] = peak[0];
                last = report[0];
            }
            System.out.println("| side | seconds per pass | requests | records written | sync ÷ raw |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| raw java.net.http + Jackson, same pages | %s | %d | – | |%n",
                    Harness.spread(rawSec, "%.2f"), raw.requests);
            System.out.printf(Locale.ROOT, "| full sync into the store | %s | %d | %d | %s |%n",
                    Harness.spread(syncSec, "%.2f"), last.requests(),
                    last.written().values().stream().mapToLong(v -> v).sum(), Harness.spread(ratio, "%.2f×"));
            long maxPeak = 0;
            for (long p : peakHeap) {
                maxPeak = Math.max(maxPeak, p);
            }
            System.out.printf(Locale.ROOT, "heap used during the sync rounds, highest sample (every 20 ms): %d MB of "
                    + "%d MB; the simulator's dataset lives in the same heap%n", maxPeak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.println();

            // an incremental pass after some changes
            List<String> tasks = new ArrayList<>();
            for (JsonNode p : asana.execute("workspace_projects", "list", Map.of("workspace_gid", firstWorkspace(asana),
                    "limit", 100)).data()) {
                for (JsonNode t : asana.execute("project_tasks", "list", Map.of("project_gid", p.path("gid").asText(),
                        "limit", 20)).data()) {
                    tasks.add(t.path("gid").asText());
                }
            }
            int changes = Math.min(s.changes(), tasks.size());
            for (int i = 0; i < changes; i++) {
                ExecutionResult r = asana.execute("tasks", "update", Map.of("task_gid", tasks.get(i), "data",
                        Map.of("name", "changed " + i)));
                if (!r.success()) {
                    throw new IllegalStateException(r.error());
                }
            }
            String sc = scope;
            AsanaSync.Report[] inc = new AsanaSync.Report[1];
            double incSec = timed(() -> inc[0] = new AsanaSync(asana, store, sc, Clock.systemUTC()).run(List.of(),
                    Set.copyOf(AsanaSync.DEFAULT_ENTITIES), false, line -> { }), null);
            System.out.println("| pass | seconds | requests | changes read | tasks written |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| full (last round) | %.2f | %d | – | %d |%n", syncSec[s.rounds() - 1],
                    last.requests(), last.written().getOrDefault("tasks", 0L));
            System.out.printf(Locale.ROOT, "| incremental after %d renamed tasks | %.2f | %d | %d | %d |%n", changes,
                    incSec, inc[0].requests(), inc[0].changes(), inc[0].written().getOrDefault("tasks", 0L));
            System.out.println();

            // one question both ways
            String today = LocalDate.now().toString();
            double[] pagingSec = new double[s.rounds()];
            double[] storeSec = new double[s.rounds()];
            Map<String, Long> byPaging = null;
            JsonNode byStore = null;
            for (int round = 0; round < s.rounds(); round++) {
                Map<String, Long>[] counted = new Map[1];
                pagingSec[round] = timed(() -> counted[0] = overdueByPaging(asana, today), null);
                byPaging = counted[0];
                JsonNode[] agg = new JsonNode[1];
                storeSec[round] = timed(() -> agg[0] = overdueByStore(store, sc, today), null);
                byStore = agg[0];
            }
            long storeGroups = byStore.size();
            System.out.println("| incomplete tasks past due, counted by assignee | seconds | requests | groups |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| paging every project's tasks (project_tasks.list, fetch_all) | %s | %d "
                    + "| %d |%n", Harness.spread(pagingSec, "%.3f"), pagingRequests, byPaging.size());
            System.out.printf(Locale.ROOT, "| context_store_aggregate | %s | 0 | %d |%n",
                    Harness.spread(storeSec, "%.3f"), storeGroups);
            System.out.println();
            System.out.println("load average after: " + Harness.loadAverage());
            store.deleteScope(scope);
        }
    }

    private static long pagingRequests;

    private static Map<String, Long> overdueByPaging(AsanaConnector asana, String today) {
        Map<String, Long> counts = new HashMap<>();
        long requests = 0;
        for (JsonNode w : asana.execute("workspaces", "list", Map.of()).data()) {
            requests++;
            String offset = null;
            List<String> projects = new ArrayList<>();
            do {
                Map<String, Object> p = new HashMap<>(Map.of("workspace_gid", w.path("gid").asText(), "limit", 100));
                if (offset != null) {
                    p.put("offset", offset);
                }
                ExecutionResult r = asana.execute("workspace_projects", "list", p);
                requests++;
                r.data().forEach(x -> projects.add(x.path("gid").asText()));
                offset = r.nextOffset().orElse(null);
            } while (offset != null);
            for (String project : projects) {
                offset = null;
                do {
                    Map<String, Object> p = new HashMap<>(Map.of("project_gid", project, "limit", 100, "fields",
                            List.of("completed", "due_on", "assignee.name")));
                    if (offset != null) {
                        p.put("offset", offset);
                    }
                    ExecutionResult r = asana.execute("project_tasks", "list", p);
                    requests++;
                    for (JsonNode t : r.data()) {
                        String due = t.path("due_on").asText("");
                        if (!t.path("completed").asBoolean() && !due.isEmpty() && due.compareTo(today) < 0) {
                            counts.merge(t.path("assignee").path("name").asText("(unassigned)"), 1L, Long::sum);
                        }
                    }
                    offset = r.nextOffset().orElse(null);
                } while (offset != null);
            }
        }
        pagingRequests = requests;
        return counts;
    }

    private static JsonNode overdueByStore(ContextStore store, String scope, String today) {
        try {
            JsonNode params = JSON.readTree("{\"filter\":{\"eq\":{\"completed\":false},\"lt\":{\"due_on\":\"" + today
                    + "\"}},\"group_by\":[\"assignee.name\"],\"metrics\":[{\"count\":\"*\"}],\"sort\":[{\"count\":"
                    + "\"desc\"}],\"limit\":1000}");
            ExecutionResult r = StoreActions.run(store, scope, "tasks", "context_store_aggregate", params);
            if (!r.success()) {
                throw new IllegalStateException(r.error());
            }
            return r.data();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstWorkspace(AsanaConnector asana) {
        return asana.execute("workspaces", "list", Map.of()).data().get(0).path("gid").asText();
    }

    /** Seconds {@code body} took; when {@code peak} is given, the highest heap use sampled meanwhile. */
    private static double timed(Runnable body, long[] peak) {
        Harness.settle();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong highest = new AtomicLong();
        Thread sampler = null;
        if (peak != null) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            sampler = new Thread(() -> {
                while (!done.get()) {
                    highest.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }
        long start = System.nanoTime();
        body.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        done.set(true);
        if (sampler != null) {
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            peak[0] = highest.get();
        }
        return seconds;
    }

    /** The requests of a full sync, sent by hand: same paths, same opt_fields, 100 a page. */
    private static final class Raw {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String token;
        long requests;

        Raw(String base, String token) {
            this.base = base;
            this.token = token;
        }

        long pass() {
            requests = 0;
            long records = 0;
            List<JsonNode> workspaces = new ArrayList<>();
            records += pages("/workspaces", null, workspaces);
            for (JsonNode w : workspaces) {
                String ws = w.path("gid").asText();
                records += pages("/workspaces/" + ws + "/users", "name,email", null);
                records += pages("/workspaces/" + ws + "/teams", "name,description,organization.name", null);
                records += pages("/workspaces/" + ws + "/tags", "name,color,notes,created_at,workspace.name", null);
                List<JsonNode> projects = new ArrayList<>();
                records += pages("/workspaces/" + ws + "/projects", "name,archived,color,created_at,modified_at,"
                        + "due_on,start_on,notes,owner.name,team.name,workspace.name,public", projects);
                for (JsonNode p : projects) {
                    String gid = p.path("gid").asText();
                    records += pages("/projects/" + gid + "/sections", "name,created_at,project.name", null);
                    records += pages("/projects/" + gid + "/tasks", String.join(",", AsanaSync.TASK_FIELDS), null);
                }
            }
            return records;
        }

        private long pages(String path, String fields, List<JsonNode> keep) {
            long n = 0;
            String offset = null;
            do {
                StringBuilder url = new StringBuilder(base).append(path).append("?limit=100");
                if (fields != null) {
                    url.append("&opt_fields=").append(URLEncoder.encode(fields, StandardCharsets.UTF_8));
                }
                if (offset != null) {
                    url.append("&offset=").append(URLEncoder.encode(offset, StandardCharsets.UTF_8));
                }
                HttpRequest req = HttpRequest.newBuilder(URI.create(url.toString()))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
                try {
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    requests++;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + r.statusCode());
                    }
                    JsonNode root = JSON.readTree(r.body());
                    for (JsonNode record : root.path("data")) {
                        n++;
                        if (keep != null) {
                            keep.add(record);
                        }
                    }
                    JsonNode next = root.path("next_page");
                    offset = next.isObject() ? next.path("offset").asText(null) : null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            } while (offset != null);
            return n;
        }
    }
}
