package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records of one or more scopes (a connector, or a local store) kept in {@code cs_records}, and the search over
 * them. Its schema has its own migration history ({@code cs_schema_history}), so it can share a database with other
 * tables.
 */
public final class ContextStore {
    /** The migration history table. */
    public static final String HISTORY_TABLE = "cs_schema_history";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource data;
    private final SqlDialect dialect;

    public ContextStore(DataSource data, SqlDialect dialect) {
        this.data = data;
        this.dialect = dialect;
    }

    /**
     * Creates or updates the store's tables. On SQLite the migrations' connections get the store's functions (the word
     * index of V5 is filled through them).
     */
    public static void migrate(DataSource data, SqlDialect dialect) {
        Flyway.configure(ContextStore.class.getClassLoader()).dataSource(prepared(data, dialect))
                .locations(dialect.migrations()).table(HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }

    /** The data source with each connection made ready for the dialect. */
    private static DataSource prepared(DataSource data, SqlDialect dialect) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return ready(data.getConnection());
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return ready(data.getConnection(user, password));
            }

            private Connection ready(Connection c) throws SQLException {
                try {
                    dialect.prepare(c);
                    return c;
                } catch (SQLException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            }

            @Override
            public java.io.PrintWriter getLogWriter() throws SQLException {
                return data.getLogWriter();
            }

            @Override
            public void setLogWriter(java.io.PrintWriter out) throws SQLException {
                data.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                data.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return data.getLoginTimeout();
            }

            @Override
            public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
                return data.getParentLogger();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                return iface.isInstance(data) ? iface.cast(data) : data.unwrap(iface);
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) throws SQLException {
                return iface.isInstance(data) || data.isWrapperFor(iface);
            }
        };
    }

    /** Inserts or replaces a record (it must have a {@code gid}). */
    public void upsert(String scope, String entity, JsonNode record, long syncedAtMillis) {
        upsertAll(scope, entity, List.of(record), syncedAtMillis);
    }

    /**
     * Inserts or replaces records (each must have a {@code gid}) in one transaction: a page of a sync is written
     * whole or not at all, with one round trip and one commit.
     */
    public void upsertAll(String scope, String entity, List<JsonNode> records, long syncedAtMillis) {
        if (records.isEmpty()) {
            return;
        }
        for (JsonNode record : records) {
            String gid = record.path("gid").asText(null);
            if (gid == null || gid.isEmpty()) {
                throw new IllegalArgumentException("a record needs a gid");
            }
        }
        String cast = dialect == SqlDialect.POSTGRES ? "CAST(? AS jsonb)" : "jsonb(?)"; // SQLite: binary JSON (V4)
        String sql = "INSERT INTO cs_records (scope, entity, gid, doc, folded, synced_at) VALUES (?, ?, ?, " + cast
                + ", " + cast + ", ?) ON CONFLICT (scope, entity, gid) DO UPDATE SET doc = excluded.doc, "
                + "folded = excluded.folded, synced_at = excluded.synced_at";
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (JsonNode record : records) {
                    ps.setString(1, scope);
                    ps.setString(2, entity);
                    ps.setString(3, record.path("gid").asText());
                    ps.setString(4, write(record));
                    ps.setString(5, write(fold(record)));
                    ps.setLong(6, syncedAtMillis);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the context store could not be written: " + e.getMessage(), e);
        }
    }

    /** Removes a record; true when there was one. */
    public boolean delete(String scope, String entity, String gid) {
        return run("DELETE FROM cs_records WHERE scope = ? AND entity = ? AND gid = ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, entity);
            ps.setString(3, gid);
            return ps.executeUpdate() > 0;
        });
    }

    /** Removes the records of a scope and entity last written before {@code millis}; returns how many. */
    public int sweep(String scope, String entity, long millis) {
        return run("DELETE FROM cs_records WHERE scope = ? AND entity = ? AND synced_at < ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, entity);
            ps.setLong(3, millis);
            return ps.executeUpdate();
        });
    }

    /**
     * Removes every record, sync mark and sync token of a scope (a deleted connector's data); returns the records
     * removed.
     */
    public int deleteScope(String scope) {
        forgetSyncTokens(scope);
        run("DELETE FROM cs_sync_state WHERE scope = ?", ps -> {
            ps.setString(1, scope);
            return ps.executeUpdate();
        });
        return run("DELETE FROM cs_records WHERE scope = ?", ps -> {
            ps.setString(1, scope);
            return ps.executeUpdate();
        });
    }

    /** Records that a sync pass of a scope's entity completed at {@code millis}. */
    public void markSynced(String scope, String entity, long millis) {
        optimize();
        run("INSERT INTO cs_sync_state (scope, entity, synced_at) VALUES (?, ?, ?) ON CONFLICT (scope, entity) "
                + "DO UPDATE SET synced_at = excluded.synced_at", ps -> {
                    ps.setString(1, scope);
                    ps.setString(2, entity);
                    ps.setLong(3, millis);
                    return ps.executeUpdate();
                });
    }

    /** When a sync pass of a scope's entity last completed, or null when none has. */
    public Long syncedAt(String scope, String entity) {
        return run("SELECT synced_at FROM cs_sync_state WHERE scope = ? AND entity = ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, entity);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        });
    }

    /** Records held for a scope and entity. */
    public long count(String scope, String entity) {
        return run("SELECT COUNT(*) FROM cs_records WHERE scope = ? AND entity = ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, entity);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Runs a search within one scope and entity: the records that pass the filter, in the requested order (each key
     * ascending or descending with missing values last, then gid), a page at a time. The page starts after the
     * request's cursor, a keyset position (the last record's sort keys and gid), so pages stay consistent while
     * other records are written or removed; a cursor made for another query is refused.
     */
    public SearchResult search(String scope, String entity, SearchRequest request) {
        long start = System.nanoTime();
        String digest = request.queryDigest(scope, entity, dialect.kind());
        SearchRequest.Cursor after = request.after();
        if (after != null && !after.query().equals(digest)) {
            throw SearchRequest.differentQuery();
        }
        try (Connection c = connection()) {
            boolean snapshot = dialect == SqlDialect.SQLITE && c.getAutoCommit();
            if (snapshot) {
                c.setAutoCommit(false); // one read transaction: the probes' row ids and the query see the same data
            }
            try {
                return search(c, scope, entity, request, digest, after, start);
            } finally {
                if (snapshot) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the context store could not be read: " + e.getMessage(), e);
        }
    }

    private SearchResult search(Connection c, String scope, String entity, SearchRequest request, String digest,
                                SearchRequest.Cursor after, long start) throws SQLException {
        StoreProbe probe = new StoreProbe(c);
        SqlDialect.Sql where = dialect.where(request.filter(), probe);
        List<Object> params = new ArrayList<>(List.of(scope, entity));
        params.addAll(where.params());
        StringBuilder keys = new StringBuilder();
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (SearchRequest.Sort s : request.sort()) {
            keys.append(", ").append(dialect.sortKey(s.path()));
            for (String term : dialect.orderBy(s.path(), s.descending())) {
                order.append(term).append(", ");
            }
        }
        order.append("r.gid ASC");
        StringBuilder rows = new StringBuilder(" FROM cs_records r WHERE r.scope = ? AND r.entity = ? AND (")
                .append(where.text()).append(")");
        if (after != null) {
            SqlDialect.Sql keyset = dialect.after(request.sort(), after);
            rows.append(" AND ").append(keyset.text());
            params.addAll(keyset.params());
        }
        rows.append(order).append(" LIMIT ?");
        params.add(request.limit() + 1);
        String sql = dialect == SqlDialect.SQLITE
                // the page is chosen on keys and row ids alone, and only its records are read whole (SQLite
                // would otherwise carry every candidate's JSON through the sort); doc is binary JSON there
                ? "SELECT json(r.doc), r.gid" + keys + " FROM cs_records r WHERE r.rid IN (SELECT r.rid" + rows
                        + ")" + order
                : "SELECT r.doc, r.gid" + keys + rows;
        List<JsonNode> page = new ArrayList<>();
        SearchRequest.Cursor last = null;
        boolean more = false;
        // PostgreSQL: a condition many records meet is checked record by record in order, by an index scan in the
        // requested order; its planner, which would misjudge such a condition as rare, is told so for this query
        boolean inOrder = dialect == SqlDialect.POSTGRES && probe.tookCommon && c.getAutoCommit();
        if (inOrder) {
            c.setAutoCommit(false);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
                st.execute("SET LOCAL enable_bitmapscan = off");
            }
        }
        try {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (page.size() == request.limit()) {
                            more = true;
                            break;
                        }
                        page.add(Projection.apply(read(rs.getString(1)), request.fields()));
                        if (page.size() == request.limit()) {
                            List<JsonNode> values = new ArrayList<>();
                            for (int k = 0; k < request.sort().size(); k++) {
                                values.add(dialect.sortValue(rs, 3 + k));
                            }
                            last = new SearchRequest.Cursor(digest, values, rs.getString(2));
                        }
                    }
                }
            }
        } finally {
            if (inOrder) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return new SearchResult(page, more, more ? last.encode() : null,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Records a sample for a probe's estimate holds (SQLite). */
    private static final int SAMPLE = 400;

    /** Recent answers of {@link SqlDialect.Probe#common}, by condition and parameters, for a minute. */
    private final ExpiringCache<String, Boolean> commonAnswers = new ExpiringCache<>(512, 60_000);

    /**
     * How many of n records may meet a text condition before checking records in order beats reading the text
     * index's candidates: with c candidates, reading them costs about c x 8 us on SQLite, checking records in order
     * until a page is full about (page x n / c) x 3 us; they meet near c = 0.6 x sqrt(page x n).
     */
    private static long threshold(double records) {
        return records > 0 ? (long) Math.ceil(0.6 * Math.sqrt(SearchRequest.DEFAULT_LIMIT * records))
                : SqlDialect.Probe.MANY;
    }

    /** Looks at the data for the compiler on the search's connection (see {@link SqlDialect.Probe}). */
    private final class StoreProbe implements SqlDialect.Probe {
        private final Connection c;
        private double records = -1;
        private String sample;
        /** Whether some condition was found common (the query is then meant to check records in order). */
        boolean tookCommon;

        StoreProbe(Connection c) {
            this.c = c;
        }

        @Override
        public List<Long> few(String rowids, List<Object> params) {
            try (PreparedStatement ps = c.prepareStatement(rowids + " LIMIT " + threshold(records()))) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids.size() >= threshold(records()) ? null : ids;
            } catch (SQLException e) {
                throw new IllegalStateException("the context store could not be read: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean common(String condition, List<Object> params) {
            try {
                // a query's pages ask the same: the answer is kept for a minute (it only steers the plan)
                String key = condition + '\u0000' + params.stream().map(p -> p instanceof Object[] a
                        ? java.util.Arrays.toString(a) : String.valueOf(p)).toList();
                Boolean common = commonAnswers.get(key);
                if (common == null) {
                    common = dialect == SqlDialect.SQLITE ? sampled(condition, params) : planned(condition, params);
                    commonAnswers.put(key, common);
                }
                tookCommon |= common;
                return common;
            } catch (SQLException e) {
                throw new IllegalStateException("the context store could not be read: " + e.getMessage(), e);
            }
        }

        /** SQLite: the share meeting the condition among SAMPLE records spread over the table (fixed ids). */
        private boolean sampled(String condition, List<Object> params) throws SQLException {
            double n = records();
            if (n < SAMPLE) {
                return false; // a small store: its indexes answer at once
            }
            if (sample == null) {
                long maxRid;
                try (PreparedStatement ps = c.prepareStatement("SELECT max(rid) FROM cs_records");
                     ResultSet rs = ps.executeQuery()) {
                    maxRid = rs.next() ? rs.getLong(1) : 0;
                }
                StringBuilder ids = new StringBuilder("[");
                for (long i = 1; i <= SAMPLE && maxRid > 0; i++) {
                    ids.append(i == 1 ? "" : ",").append(1 + Math.floorMod(i * 2_654_435_761L, maxRid));
                }
                sample = ids.append("]").toString();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(CASE WHEN " + condition
                    + " THEN 1 END) FROM cs_records r WHERE r.rid IN (SELECT value FROM json_each(?))")) {
                int i = 1;
                for (Object p : params) {
                    ps.setObject(i++, p);
                }
                ps.setString(i, sample);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    double seen = rs.getLong(1);
                    return seen > 0 && rs.getLong(2) / seen * n >= threshold(n);
                }
            }
        }

        /**
         * PostgreSQL: the share meeting the condition among the records of pages drawn at random, about 2.5 x SAMPLE
         * (the same pages each time while the table is unchanged). The planner's own estimate would not do: it multiplies
         * the frequencies of a condition's parts (the words of a query, the trigrams of a pattern) as if they
         * were independent, which they are not.
         */
        private boolean planned(String condition, List<Object> params) throws SQLException {
            double n = records();
            if (n < SAMPLE) {
                return false; // no statistics yet, or a small store: its indexes answer at once
            }
            double percent = Math.min(100, 100.0 * SAMPLE * 2.5 / n);
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE " + condition
                    + ") FROM cs_records r TABLESAMPLE SYSTEM (" + percent + ") REPEATABLE (7)")) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    double seen = rs.getLong(1);
                    // PostgreSQL reads a candidate by its index and checks a record in order at about the same
                    // cost: they meet near c = sqrt(page x n)
                    return seen > 0 && rs.getLong(2) / seen * n >= Math.sqrt(SearchRequest.DEFAULT_LIMIT * n);
                }
            }
        }

        /** The records the statistics count (SQLite: PRAGMA optimize's; PostgreSQL: ANALYZE's), 0 without. */
        private double records() {
            if (records < 0) {
                String sql = dialect == SqlDialect.SQLITE
                        ? "SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'cs_records'"
                        : "SELECT reltuples FROM pg_class WHERE oid = 'cs_records'::regclass";
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    records = rs.next() ? Math.max(0, rs.getDouble(1)) : 0;
                } catch (SQLException e) {
                    records = 0; // no statistics table yet
                }
            }
            return records;
        }

        @Override
        public List<String> fuzzyWords(String word) {
            try (PreparedStatement ps = c.prepareStatement("SELECT cs_fuzzy_candidates(?)")) {
                ps.setString(1, word);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    java.sql.Array words = rs.getArray(1);
                    return words == null ? List.of() : List.of((String[]) words.getArray());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the context store could not be read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Aggregates within one scope and entity: one row per group, holding the group keys (by name) and the metrics.
     * Groups come in the requested order (then by key); records whose key is missing form a group of null.
     */
    public List<JsonNode> aggregate(String scope, String entity, AggregateRequest request) {
        SqlDialect.Sql where = dialect.where(request.filter());
        String sql = dialect.aggregate(request, where.text());
        return run(sql, ps -> {
            int i = 1;
            ps.setString(i++, scope);
            ps.setString(i++, entity);
            for (Object p : where.params()) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, request.limit());
            List<JsonNode> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = JSON.createObjectNode();
                    int col = 1;
                    for (AggregateRequest.Group g : request.groups()) {
                        row.set(g.name(), dialect.groupValue(rs, col, g.bucket()));
                        col += dialect.groupColumnCount(g.bucket());
                    }
                    for (AggregateRequest.Metric m : request.metrics()) {
                        row.set(m.name(), metricValue(rs, col++, m));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    private JsonNode metricValue(ResultSet rs, int col, AggregateRequest.Metric m) throws SQLException {
        if (m.fn().equals("count")) {
            return JSON.getNodeFactory().numberNode(rs.getLong(col));
        }
        Object v = rs.getObject(col);
        if (v == null) {
            return JSON.nullNode();
        }
        if (dialect == SqlDialect.POSTGRES) {
            JsonNode n = read(v.toString()); // jsonb or numeric as text
            return n.isBigDecimal() ? JSON.getNodeFactory().numberNode(n.decimalValue().stripTrailingZeros()) : n;
        }
        return JSON.valueToTree(v);
    }

    /** The record with every text value lower-cased, for the text operators. */
    static JsonNode fold(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().toLowerCase(Locale.ROOT));
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(fold(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), fold(e.getValue()));
            }
            return out;
        }
        return node;
    }

    /** The events sync token kept for a followed resource of a scope, or null. */
    public String syncToken(String scope, String resource) {
        return run("SELECT token FROM cs_sync_tokens WHERE scope = ? AND resource = ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, resource);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Keeps the events sync token to continue a followed resource of a scope from. */
    public void saveSyncToken(String scope, String resource, String token, long millis) {
        run("INSERT INTO cs_sync_tokens (scope, resource, token, updated_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (scope, resource) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at",
                ps -> {
                    ps.setString(1, scope);
                    ps.setString(2, resource);
                    ps.setString(3, token);
                    ps.setLong(4, millis);
                    return ps.executeUpdate();
                });
    }

    /** Drops one resource's sync token (the resource is gone). */
    public void forgetSyncToken(String scope, String resource) {
        run("DELETE FROM cs_sync_tokens WHERE scope = ? AND resource = ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, resource);
            return ps.executeUpdate();
        });
    }

    /** Drops every sync token of a scope, so that the next sync fetches everything anew. */
    public int forgetSyncTokens(String scope) {
        return run("DELETE FROM cs_sync_tokens WHERE scope = ?", ps -> {
            ps.setString(1, scope);
            return ps.executeUpdate();
        });
    }

    /** The resources a scope holds sync tokens for. */
    public List<String> syncTokenResources(String scope) {
        return run("SELECT resource FROM cs_sync_tokens WHERE scope = ? ORDER BY resource", ps -> {
            ps.setString(1, scope);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * Gids of a scope's records of {@code entity} that match {@code filter} (the search grammar's filter object) and
     * were last written before {@code millis}: what a pass that re-fetched a part of the data did not see again.
     * At most {@code max}, in gid order, after {@code afterGid} (null: from the first).
     */
    public List<String> staleGids(String scope, String entity, JsonNode filter, long millis, String afterGid,
                                  int max) {
        SqlDialect.Sql where = dialect.where(Filter.parse(filter, "filter"));
        String sql = "SELECT r.gid FROM cs_records r WHERE r.scope = ? AND r.entity = ? AND r.synced_at < ? "
                + "AND r.gid > ? AND (" + where.text() + ") ORDER BY r.gid LIMIT ?";
        return run(sql, ps -> {
            int i = 1;
            ps.setString(i++, scope);
            ps.setString(i++, entity);
            ps.setLong(i++, millis);
            ps.setString(i++, afterGid == null ? "" : afterGid);
            for (Object p : where.params()) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, max);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private <T> T run(String sql, Work<T> work) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return work.run(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("the context store could not be read or written: " + e.getMessage(), e);
        }
    }

    /**
     * Lets SQLite refresh its statistics when the data changed much since they were taken (a no-op otherwise): with
     * them the query planner picks the indexes of selective conditions. PostgreSQL's autovacuum does the same there.
     */
    private void optimize() {
        if (dialect == SqlDialect.SQLITE) {
            try (Connection c = connection()) {
                optimize(c);
            } catch (SQLException e) {
                throw new IllegalStateException("the context store could not be written: " + e.getMessage(), e);
            }
        }
    }

    private void optimize(Connection c) throws SQLException {
        if (dialect == SqlDialect.SQLITE) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA optimize=0x10002");
            }
        }
    }

    /** A connection made ready for the dialect (on SQLite, with the store's functions registered). */
    private Connection connection() throws SQLException {
        Connection c = data.getConnection();
        try {
            dialect.prepare(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small map whose entries expire after a while, the oldest dropped first when full. */
    private static final class ExpiringCache<K, V> {
        private record Entry<V>(V value, long expires) {
        }

        private final int max;
        private final long millis;
        private final Map<K, Entry<V>> map;

        ExpiringCache(int max, long millis) {
            this.max = max;
            this.millis = millis;
            this.map = new java.util.LinkedHashMap<>(16, 0.75f, true);
        }

        synchronized V get(K key) {
            Entry<V> e = map.get(key);
            if (e == null || e.expires() < System.currentTimeMillis()) {
                map.remove(key);
                return null;
            }
            return e.value();
        }

        synchronized void put(K key, V value) {
            map.put(key, new Entry<>(value, System.currentTimeMillis() + millis));
            if (map.size() > max) {
                map.remove(map.keySet().iterator().next());
            }
        }
    }
}
