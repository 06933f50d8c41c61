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

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Latency of {@code context_store_search} and {@code context_store_aggregate} (through {@link StoreActions}, the
 * path every caller takes) on a store of N tasks shaped like the simulator's: the tasks of a simulator with seed 42
 * and {@code N / 10} tasks per project, fetched through the connector with the fields the sync asks for
 * ({@link AsanaSync#TASK_FIELDS}, 100 a page) and written with {@link ContextStore#upsertAll}, 1,000 a transaction.
 * Each query is run a few times to warm up, then measured in rounds that run every query {@code --calls} times, in an
 * order rotated from round to round. Prints the settings, the machine's state, how the store was filled, and a
 * Markdown table of the median latency (p50) over all calls with the range of the per-round medians and p90, beside
 * the target of its kind. {@code --help} lists the options.
 *
 * <p>On PostgreSQL the store lives in a schema of its own, dropped at the end. {@code --bulk-load yes} drops the
 * migrations' secondary indexes of {@code cs_records} in that schema before the load and creates them again, with
 * the same definitions, after it: the same tables and indexes, built in one pass instead of row by row (for the
 * 1,000,000-task run).
 */
public final class ContextStoreBench {
    private static final String COMMAND = "java -cp bench/target/asana-agent-bench.jar "
            + "dev.agentconnector.bench.ContextStoreBench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "bench";
    private static final int WRITE_BATCH = 1000;

    private ContextStoreBench() {
    }

    private record Settings(int tasks, String db, int rounds, int calls, int warmup, boolean bulkLoad) {
    }

    /** One measured call: a name, its kind (what target applies), the action and its params. */
    private record Query(String name, String kind, String action, JsonNode params) {
    }

    public static void main(String[] args) {
        Options o = new Options(COMMAND, "Latency of context_store_search and context_store_aggregate on a store of "
                + "simulator-shaped tasks (seed 42), on SQLite or PostgreSQL."
                + " Run it with a fixed heap (java " + Harness.FIXED_HEAP + " ..., -Xms3g -Xmx3g for 1,000,000 "
                + "tasks) on an otherwise idle machine.")
                .option("tasks", "N", "100000", "tasks in the store: the simulator's 10 projects with N / 10 each "
                        + "(10000..2000000, a multiple of 10)")
                .option("db", "JDBC_URL", null, "PostgreSQL to measure, e.g. "
                        + "'jdbc:postgresql://127.0.0.1:5432/test?user=postgres' (a schema of its own is created and "
                        + "dropped); default: SQLite in a temporary directory")
                .option("rounds", "N", "5", "measured rounds; each runs every query --calls times")
                .option("calls", "N", "20", "calls of each query per round")
                .option("warmup", "N", "5", "unmeasured calls of each query before the rounds")
                .option("bulk-load", "yes|no", "no", "PostgreSQL: drop cs_records' secondary indexes for the load "
                        + "and build them again after it")
                .parseOrExit(args);
        Settings s = o.orExit(() -> {
            String db = o.string("db");
            if (db != null && !db.startsWith("jdbc:postgresql:")) {
                throw new Options.UsageException("--db takes a jdbc:postgresql: URL (SQLite is the default), got '"
                        + db + "'");
            }
            int tasks = o.integer("tasks", 10_000, 2_000_000);
            if (tasks % 10 != 0) {
                throw new Options.UsageException("--tasks must be a multiple of 10 (10 projects), got " + tasks);
            }
            String bulk = o.string("bulk-load");
            if (!bulk.equals("yes") && !bulk.equals("no")) {
                throw new Options.UsageException("--bulk-load must be yes or no, got '" + bulk + "'");
            }
            if (bulk.equals("yes") && db == null) {
                throw new Options.UsageException("--bulk-load applies to PostgreSQL (--db) only");
            }
            return new Settings(tasks, db, o.integer("rounds", 1, 1000), o.integer("calls", 1, 10_000),
                    o.integer("warmup", 0, 10_000), bulk.equals("yes"));
        });
        o.runOrExit(() -> run(s, o.settings()));
    }

    private static void run(Settings s, String settings) throws Exception {
        // no migration or pool log lines in the results
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        System.out.println("# Context-store search and aggregate, " + java.time.Instant.now());
        System.out.println();
        System.out.println("settings: " + settings);
        Harness.machine().forEach(System.out::println);
        Path dir = null;
        String schema = null;
        StoreLocation where;
        if (s.db() == null) {
            dir = Files.createTempDirectory("context-store-bench");
            where = StoreLocation.dataDir(dir, true);
        } else {
            schema = "cs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(s.db()); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
            where = StoreLocation.jdbc(s.db() + (s.db().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        }
        try {
            ContextStore store = where.open();
            System.out.println("store: " + where.describe() + (schema == null ? "" : ", schema " + schema));
            fill(s, store, where.dataSource(), dir);
            List<Query> queries = queries(store);
            measure(s, store, queries);
        } finally {
            if (where.dataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(s.db()); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** The simulator's tasks, through the connector page by page, into the store. */
    private static void fill(Settings s, ContextStore store, DataSource data, Path dir) throws Exception {
        long start = System.nanoTime();
        List<String> indexes = s.bulkLoad() ? dropIndexes(data) : List.of();
        long written = 0;
        double fetchSeconds;
        long fetchStart;
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).tasksPerProject(s.tasks() / 10).build().start();
             AsanaConnector asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                     sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(sim.baseUrl())
                     .rateLimits(new RateLimits(100_000_000, 1000, 1000)).build())) {
            fetchStart = System.nanoTime();
            // by gid: a task in two projects comes twice, and one statement may not write a row twice
            Map<String, JsonNode> batch = new LinkedHashMap<>();
            long fetchNanos = 0;
            for (JsonNode workspace : asana.execute("workspaces", "list", Map.of()).orThrow()) {
                for (String project : pages(asana, "workspace_projects", Map.of("workspace_gid",
                        workspace.path("gid").asText()), null)) {
                    String offset = null;
                    do {
                        Map<String, Object> params = new LinkedHashMap<>(Map.of("project_gid", project, "limit", 100,
                                "fields", AsanaSync.TASK_FIELDS));
                        if (offset != null) {
                            params.put("offset", offset);
                        }
                        long t = System.nanoTime();
                        ExecutionResult page = asana.execute("project_tasks", "list", params);
                        fetchNanos += System.nanoTime() - t;
                        page.orThrow().forEach(task -> batch.put(task.path("gid").asText(), task));
                        if (batch.size() >= WRITE_BATCH) {
                            store.upsertAll(SCOPE, "tasks", new ArrayList<>(batch.values()),
                                    System.currentTimeMillis());
                            written += batch.size();
                            batch.clear();
                        }
                        offset = page.nextOffset().orElse(null);
                    } while (offset != null);
                }
            }
            store.upsertAll(SCOPE, "tasks", new ArrayList<>(batch.values()), System.currentTimeMillis());
            written += batch.size();
            fetchSeconds = fetchNanos / 1e9;
        }
        double loadSeconds = (System.nanoTime() - fetchStart) / 1e9;
        double indexSeconds = 0;
        if (!indexes.isEmpty()) {
            long t = System.nanoTime();
            try (Connection c = data.getConnection(); Statement st = c.createStatement()) {
                for (String ddl : indexes) {
                    st.execute(ddl);
                }
            }
            indexSeconds = (System.nanoTime() - t) / 1e9;
        }
        store.markSynced(SCOPE, "tasks", System.currentTimeMillis()); // SQLite: refreshes the planner's statistics
        if (dir == null) {
            try (Connection c = data.getConnection(); Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE cs_records"); // as autovacuum would: statistics and the visibility map
            }
        }
        System.out.printf(Locale.ROOT, "filled: %d tasks held (%d written, multi-homed tasks twice) in %.0f s: "
                        + "%.0f s in the simulator and connector, the rest writing%s; %.0f s in all; store size %s%n",
                store.count(SCOPE, "tasks"), written, loadSeconds, fetchSeconds, indexes.isEmpty() ? ""
                        : String.format(Locale.ROOT, ", then %.0f s building %d indexes", indexSeconds,
                        indexes.size()), (System.nanoTime() - start) / 1e9, size(data, dir));
    }

    /** Every gid of a list, page by page. */
    private static List<String> pages(AsanaConnector asana, String entity, Map<String, Object> in, String unused) {
        List<String> gids = new ArrayList<>();
        String offset = null;
        do {
            Map<String, Object> params = new LinkedHashMap<>(in);
            params.put("limit", 100);
            if (offset != null) {
                params.put("offset", offset);
            }
            ExecutionResult page = asana.execute(entity, "list", params);
            page.orThrow().forEach(r -> gids.add(r.path("gid").asText()));
            offset = page.nextOffset().orElse(null);
        } while (offset != null);
        return gids;
    }

    /** Drops the secondary indexes of cs_records in the bench's schema; returns their definitions. */
    private static List<String> dropIndexes(DataSource data) throws SQLException {
        List<String> ddl = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Connection c = data.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname "
                    + "= current_schema() AND i.tablename = 'cs_records' AND i.indexname NOT IN (SELECT conname FROM "
                    + "pg_constraint WHERE conrelid = 'cs_records'::regclass)")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    ddl.add(rs.getString(2));
                }
            }
            for (String name : names) {
                st.execute("DROP INDEX " + name);
            }
        }
        return ddl;
    }

    private static String size(DataSource data, Path dir) throws Exception {
        if (dir != null) {
            long bytes = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    bytes += Files.size(p);
                }
            }
            return (bytes >> 20) + " MB (SQLite file and WAL)";
        }
        try (Connection c = data.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('cs_records'))")) {
            rs.next();
            return rs.getString(1) + " (cs_records with its indexes and TOAST)";
        }
    }

    /**
     * The queries, their values taken from the data: a mid-sized assignee (and two more), a project, a month of due
     * dates, the last weeks of modifications.
     */
    private static List<Query> queries(ContextStore store) throws IOException {
        List<String> assignees = new ArrayList<>();
        for (JsonNode row : call(store, StoreActions.AGGREGATE, "{\"filter\":{\"neq\":{\"assignee.name\":null}},"
                + "\"group_by\":[\"assignee.name\"],\"sort\":[{\"count\":\"desc\"}]}").data()) {
            assignees.add(row.path("assignee.name").asText());
        }
        String a = assignees.get(assignees.size() / 2);
        String b = assignees.get(assignees.size() / 3);
        String c = assignees.get(assignees.size() * 2 / 3);
        JsonNode first = call(store, StoreActions.SEARCH, "{\"query\":{},\"limit\":1}").data().get(0);
        String gid = first.path("gid").asText();
        String project = first.path("projects").path(0).path("name").asText();
        List<String> months = new ArrayList<>();
        call(store, StoreActions.AGGREGATE, "{\"group_by\":[{\"field\":\"due_on\",\"by\":\"month\"}],\"sort\":"
                + "[{\"due_on:month\":\"asc\"}]}").data().forEach(r -> {
                    if (!r.path("due_on:month").isNull()) {
                        months.add(r.path("due_on:month").asText());
                    }
                });
        String month = months.get(months.size() / 2);
        String nextMonth = java.time.YearMonth.parse(month).plusMonths(1).toString();
        String lastModified = call(store, StoreActions.AGGREGATE, "{\"metrics\":[{\"max\":\"modified_at\"}]}").data()
                .get(0).path("max_modified_at").asText();
        String recent = java.time.Instant.parse(lastModified).minus(java.time.Duration.ofDays(14)).toString();
        String today = lastModified.substring(0, 10);
        List<Query> q = new ArrayList<>();
        q.add(search("one task by gid", "eq", "{\"eq\":{\"gid\":" + JSON.writeValueAsString(gid) + "}}", null));
        q.add(search("incomplete tasks of one assignee", "eq", "{\"eq\":{\"assignee.name\":"
                + JSON.writeValueAsString(a) + ",\"completed\":false}}", null));
        q.add(search("incomplete tasks of one project", "eq", "{\"any\":{\"projects\":{\"eq\":{\"name\":"
                + JSON.writeValueAsString(project) + "}}},\"eq\":{\"completed\":false}}", null));
        q.add(search("tasks of three assignees", "in", "{\"in\":{\"assignee.name\":[" + JSON.writeValueAsString(a)
                + "," + JSON.writeValueAsString(b) + "," + JSON.writeValueAsString(c) + "]}}", null));
        q.add(search("due in one month, by due date", "range", "{\"gte\":{\"due_on\":\"" + month + "-01\"},"
                + "\"lt\":{\"due_on\":\"" + nextMonth + "-01\"}}", "[{\"due_on\":\"asc\"}]"));
        q.add(search("modified in the last 14 days, newest first", "range", "{\"gte\":{\"modified_at\":\"" + recent
                + "\"}}", "[{\"modified_at\":\"desc\"}]"));
        q.add(search("name like 'finalize vendor' (1 in 320)", "text", "{\"like\":{\"name\":\"finalize vendor\"}}",
                null));
        q.add(search("name like 'quarterly' (1 in 20)", "text", "{\"like\":{\"name\":\"quarterly\"}}", null));
        q.add(search("notes keyword 'legal screenshots'", "text", "{\"keyword\":{\"notes\":\"legal screenshots\"}}",
                null));
        q.add(search("name fuzzy 'finalise vendr' (typos, 1 in 320)", "text", "{\"fuzzy\":{\"name\":"
                + "\"finalise vendr\"}}", null));
        q.add(search("name fuzzy 'quartely reprot' (typos, 1 in 20)", "text", "{\"fuzzy\":{\"name\":"
                + "\"quartely reprot\"}}", null));
        q.add(search("notes fuzzy 'screenshts legl' (typos)", "text", "{\"fuzzy\":{\"notes\":\"screenshts legl\"}}",
                null));
        q.add(new Query("count by assignee, all tasks", "aggregate", StoreActions.AGGREGATE, JSON.readTree(
                "{\"group_by\":[\"assignee.name\"],\"sort\":[{\"count\":\"desc\"}]}")));
        q.add(new Query("incomplete and past due, by assignee", "aggregate", StoreActions.AGGREGATE, JSON.readTree(
                "{\"filter\":{\"eq\":{\"completed\":false},\"lt\":{\"due_on\":\"" + today + "\"}},\"group_by\":"
                        + "[\"assignee.name\"],\"sort\":[{\"count\":\"desc\"}]}")));
        q.add(new Query("count by due month, all tasks", "aggregate", StoreActions.AGGREGATE, JSON.readTree(
                "{\"group_by\":[{\"field\":\"due_on\",\"by\":\"month\"}]}")));
        // a page deep in a walk: the 50th page of 100 incomplete tasks, by its cursor
        String walk = "{\"query\":{\"filter\":{\"eq\":{\"completed\":false}}},\"limit\":100";
        String cursor = null;
        for (int i = 0; i < 49; i++) {
            JsonNode meta = call(store, StoreActions.SEARCH, walk + (cursor == null ? "" : ",\"cursor\":\"" + cursor
                    + "\"") + "}").meta();
            cursor = meta.path("cursor").asText(null);
        }
        if (cursor != null) {
            q.add(new Query("page 50 of incomplete tasks, by cursor", "eq", StoreActions.SEARCH, JSON.readTree(walk
                    + ",\"cursor\":\"" + cursor + "\"}")));
        }
        return q;
    }

    private static Query search(String name, String kind, String filter, String sort) throws IOException {
        return new Query(name, kind, StoreActions.SEARCH, JSON.readTree("{\"query\":{\"filter\":" + filter
                + (sort == null ? "" : ",\"sort\":" + sort) + "}}"));
    }

    private static ExecutionResult call(ContextStore store, String action, String params) throws IOException {
        return call(store, action, JSON.readTree(params));
    }

    private static ExecutionResult call(ContextStore store, String action, JsonNode params) {
        ExecutionResult r = StoreActions.run(store, SCOPE, "tasks", action, params);
        if (!r.success()) {
            throw new IllegalStateException(action + " " + params + ": " + r.error());
        }
        return r;
    }

    /** The target p50 of a kind of query at this size (§4: eq/in/range 20 ms, text 50 ms, aggregate 200 ms; 100 ms
     * for all on PostgreSQL at 1,000,000). */
    private static double target(String kind, int tasks) {
        if (tasks > 100_000) {
            return 100;
        }
        return switch (kind) {
            case "text" -> 50;
            case "aggregate" -> 200;
            default -> 20;
        };
    }

    private static void measure(Settings s, ContextStore store, List<Query> queries) throws Exception {
        int[] rows = new int[queries.size()];
        for (int w = 0; w < s.warmup(); w++) {
            for (int i = 0; i < queries.size(); i++) {
                rows[i] = call(store, queries.get(i).action(), queries.get(i).params()).data().size();
            }
        }
        long[][][] nanos = new long[queries.size()][s.rounds()][s.calls()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            order.add(i);
        }
        for (int round = 0; round < s.rounds(); round++) {
            Harness.settle();
            for (int i : Harness.rotated(order, round)) {
                Query q = queries.get(i);
                for (int k = 0; k < s.calls(); k++) {
                    long t = System.nanoTime();
                    call(store, q.action(), q.params());
                    nanos[i][round][k] = System.nanoTime() - t;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nmeasured: %d warm-up calls, then %d rounds of %d calls per query; load "
                + "average now %s%n%n", s.warmup(), s.rounds(), s.calls(), Harness.loadAverage());
        System.out.println("Latency per call through StoreActions (compile, query, JSON out); p50 over all calls, "
                + "(min–max) of the per-round p50s in brackets.");
        System.out.println();
        System.out.println("| query | kind | rows | p50 ms | p90 ms | target p50 | |");
        System.out.println("|---|---|---:|---:|---:|---:|---|");
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            double[] perRound = new double[s.rounds()];
            long[] all = Arrays.stream(nanos[i]).flatMapToLong(Arrays::stream).sorted().toArray();
            for (int r = 0; r < s.rounds(); r++) {
                long[] sorted = nanos[i][r].clone();
                Arrays.sort(sorted);
                perRound[r] = Harness.latencyMillis(sorted, 0.5);
            }
            double p50 = Harness.latencyMillis(all, 0.5);
            double target = target(q.kind(), s.tasks());
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.1f | ≤ %.0f ms | %s |%n", q.name(), q.kind(),
                    rows[i], spreadMillis(p50, perRound), Harness.latencyMillis(all, 0.9), target,
                    p50 <= target ? "met" : "not met");
        }
    }

    private static String spreadMillis(double p50, double[] perRound) {
        double lo = Arrays.stream(perRound).min().orElse(p50);
        double hi = Arrays.stream(perRound).max().orElse(p50);
        String f = p50 < 10 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", p50, lo, hi);
    }
}
