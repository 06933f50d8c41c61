package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.sqlite.SQLiteConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The search grammar compiled to SQL over {@code cs_records} (alias {@code r}): {@code r.doc} holds each record as
 * JSON and {@code r.folded} the same record with its text lower-cased, which the text operators read. One
 * translation of each operator's meaning, written once per database: SQLite's JSON functions ({@code json_type},
 * {@code json_extract}, {@code json_each}) and PostgreSQL's {@code jsonb} operators. Field names are checked by
 * {@link FieldPath} and written as literals; values always go in as parameters.
 *
 * <p>The SQL is shaped so that the indexes of migrations V4 and V5 serve it: the expressions of hot fields
 * ({@code completed}, {@code due_on}, {@code modified_at}, {@code assignee.name}, {@code projects}) are those the
 * indexes are built on, and the text operators on {@code name} and {@code notes} go through the text indexes (SQLite:
 * FTS5 tables {@code cs_text}, trigrams, and {@code cs_text_words}, words; PostgreSQL: GIN indexes over trigram and
 * word arrays). Every other field is read from the JSON, with the same meaning and no index.
 */
public abstract sealed class SqlDialect permits SqlDialect.Sqlite, SqlDialect.Postgres {
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The top-level text fields the text indexes cover. */
    static final Set<String> TEXT_FIELDS = Set.of("name", "notes");

    /** SQLite 3.45 or later (JSON functions and JSONB built in; this module ships 3.54 through sqlite-jdbc). */
    public static final SqlDialect SQLITE = new Sqlite();
    /** PostgreSQL 13 or later ({@code jsonb}, {@code normalize}). */
    public static final SqlDialect POSTGRES = new Postgres();

    /** A compiled condition and its parameters, in order. */
    public record Sql(String text, List<Object> params) {
    }

    /**
     * A place in a record: field names, and array positions given by SQL expressions of enclosing {@code any}s. Inside
     * an {@code any}, {@code element} is the SQL of the array element's value in {@code doc} (when the database gives
     * it) and {@code from} the index of the first part below it, so that a dialect may read the element instead of
     * the whole record.
     */
    record Ref(List<Part> parts, String element, int from) {
        record Part(String name, String indexSql) {
        }

        Ref(List<Part> parts) {
            this(parts, null, 0);
        }

        static Ref of(FieldPath path) {
            return new Ref(path.segments().stream().map(s -> new Part(s, null)).toList());
        }

        Ref then(FieldPath path) {
            List<Part> p = new ArrayList<>(parts);
            path.segments().forEach(s -> p.add(new Part(s, null)));
            return new Ref(p, element, from);
        }

        /** The element at position {@code indexSql}, whose value is {@code elementSql} (or null). */
        Ref at(String indexSql, String elementSql) {
            List<Part> p = new ArrayList<>(parts);
            p.add(new Part(null, indexSql));
            return new Ref(p, elementSql, p.size());
        }

        /** The field names below the innermost element. */
        List<Part> belowElement() {
            return parts.subList(from, parts.size());
        }

        /** The dotted path when no array position is in it (a field of the record itself), else null. */
        String plain() {
            StringBuilder sb = new StringBuilder();
            for (Part p : parts) {
                if (p.name() == null) {
                    return null;
                }
                sb.append(sb.length() == 0 ? "" : ".").append(p.name());
            }
            return sb.toString();
        }

        /** The name of a top-level text field with a text index ({@code name}, {@code notes}), else null. */
        String textField() {
            String plain = plain();
            return plain != null && TEXT_FIELDS.contains(plain) ? plain : null;
        }
    }

    /** Compiles a filter; null means every record. */
    public Sql where(Filter filter) {
        return where(filter, null);
    }

    /**
     * Looks at the data while a search is compiled, so that the SQL lets the database choose well. A text condition
     * that many records meet is better checked record by record in the requested order (a page is full soon) than
     * through a text index (which reads every candidate first). Whether many records meet a condition is measured on
     * a sample (SQLite: fixed records spread over the table; PostgreSQL: {@code TABLESAMPLE}), not taken from the
     * planner, whose estimate for a condition of several words or trigrams multiplies their frequencies as if they
     * were independent, which they are not. SQLite also lists the candidates of a word index, and PostgreSQL the
     * words of the vocabulary a fuzzy query word matches, given to the planner as a value.
     */
    interface Probe {
        /**
         * The rows {@code rowids} (SQL listing row ids, with its parameters) lists, or null when they are many: more
         * than it costs to check records in order until a page is full (see ContextStore), or than {@link #MANY} when
         * the store's size is not known yet.
         */
        List<Long> few(String rowids, List<Object> params);

        /**
         * Whether so many records meet {@code condition} (SQL over {@code r}, with its parameters) that checking them
         * in order beats reading an index's candidates.
         */
        boolean common(String condition, List<Object> params);

        /** The words of the vocabulary {@code word} matches (PostgreSQL's {@code cs_fuzzy_candidates}). */
        List<String> fuzzyWords(String word);

        /** Candidates from which a scan in order is preferred when the size of the store is not known. */
        int MANY = 2000;
    }

    /** Compiles a filter, weighing text index conditions with {@code probe} when there is one. */
    Sql where(Filter filter, Probe probe) {
        List<Object> params = new ArrayList<>();
        String text = filter == null ? "1 = 1" : new Compiler(params, probe).compile(filter, new Ref(List.of()));
        return new Sql(text, params);
    }

    /** The sort-key value of a field, as a cursor keeps it (missing and null values are SQL NULL). */
    public abstract String sortKey(FieldPath path);

    /** The ORDER BY terms of a field in a direction, missing and null values last. */
    List<String> orderBy(FieldPath path, boolean descending) {
        return List.of(sortKey(path) + (descending ? " DESC" : " ASC") + " NULLS LAST");
    }

    /** The migration folder of this database. */
    public abstract String migrations();

    /**
     * The columns of a group key in an aggregate's result: one, or (SQLite) the JSON type and the value. The key is
     * the field's value, or for {@code day}, {@code week} (the Monday starting it) and {@code month} the date bucket
     * of a date or date-time text ({@code 2026-12-01}, {@code 2026-11-30}, {@code 2026-12}).
     */
    abstract int groupColumnCount(String bucket);

    /** The group key read from the columns of a group key starting at {@code col}. */
    public abstract JsonNode groupValue(ResultSet rs, int col, String bucket) throws SQLException;

    // the parts of an aggregate each database writes

    /** The columns the inner query groups by for a field: its raw value (and type), as indexes hold them. */
    abstract List<String> innerKey(FieldPath path);

    /** The outer query's group key columns, from the inner columns {@code inner} (aliases). */
    abstract List<String> outerKey(String bucket, List<String> inner);

    /** The expression the outer query orders group {@code i} by (its key as JSON text, or its bucket). */
    abstract String keyOrder(String bucket, List<String> outer);

    /** The field as a number (null when it holds no number), and as text (null when it holds no text). */
    abstract String numberPart(FieldPath path);

    abstract String textPart(FieldPath path);

    /** The outer metric of a sum, an average and a min or max, from the inner partial columns. */
    abstract String outerSum(String s);

    abstract String outerAvg(String s, String k);

    abstract String outerMinMax(String fn, String numbers, String texts);

    /**
     * The SQL of an aggregate over the records of a scope and entity (parameters: scope, entity, the filter's, the
     * limit) that pass {@code where}: per group, its key columns, then one column per metric; groups in the requested
     * order, then by key with missing keys last.
     *
     * <p>Two levels: the inner query groups by the raw values of the keys (and computes partial metrics), which an
     * index on them answers without reading the records (SQLite reads an indexed expression from its index only where
     * it appears bare; PostgreSQL reads columns of the index only); the outer query merges them into the groups of the
     * grammar (date buckets; on SQLite numbers as one type and null with missing) over a few rows, and finishes the
     * metrics.
     */
    String aggregate(AggregateRequest request, String where) {
        List<String> inner = new ArrayList<>();
        List<String> innerGroup = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        List<String> outerGroup = new ArrayList<>();
        List<String> keyOrder = new ArrayList<>();
        for (int i = 0; i < request.groups().size(); i++) {
            AggregateRequest.Group g = request.groups().get(i);
            List<String> in = innerKey(g.path());
            List<String> aliases = new ArrayList<>();
            for (int c = 0; c < in.size(); c++) {
                String alias = "k" + i + "_" + c;
                inner.add(in.get(c) + " AS " + alias);
                innerGroup.add(alias);
                aliases.add(alias);
            }
            List<String> out = outerKey(g.bucket(), aliases);
            List<String> outAliases = new ArrayList<>();
            for (int c = 0; c < out.size(); c++) {
                String alias = c == out.size() - 1 ? "g" + i : "c" + i;
                outer.add(out.get(c) + " AS " + alias);
                outerGroup.add(alias);
                outAliases.add(alias);
            }
            keyOrder.add(keyOrder(g.bucket(), outAliases));
        }
        inner.add("COUNT(*) AS n");
        for (int i = 0; i < request.metrics().size(); i++) {
            AggregateRequest.Metric m = request.metrics().get(i);
            switch (m.fn()) {
                case "count" -> outer.add("SUM(n) AS m" + i);
                case "sum" -> {
                    inner.add("SUM(" + numberPart(m.path()) + ") AS s" + i);
                    outer.add(outerSum("s" + i) + " AS m" + i);
                }
                case "avg" -> {
                    inner.add("SUM(" + numberPart(m.path()) + ") AS s" + i);
                    inner.add("COUNT(" + numberPart(m.path()) + ") AS q" + i);
                    outer.add(outerAvg("s" + i, "q" + i) + " AS m" + i);
                }
                default -> {
                    // numbers when the field holds any, else text (dates)
                    String f = m.fn().toUpperCase(Locale.ROOT);
                    inner.add(f + "(" + numberPart(m.path()) + ") AS a" + i);
                    inner.add(f + "(" + textPart(m.path()) + ") AS b" + i);
                    outer.add(outerMinMax(f, "a" + i, "b" + i) + " AS m" + i);
                }
            }
        }
        return "SELECT " + String.join(", ", outer) + " FROM (SELECT " + String.join(", ", inner)
                + " FROM cs_records r WHERE r.scope = ? AND r.entity = ? AND (" + where + ")"
                + (innerGroup.isEmpty() ? "" : " GROUP BY " + String.join(", ", innerGroup)) + ") AS parts"
                + (outerGroup.isEmpty() ? "" : " GROUP BY " + String.join(", ", outerGroup))
                + orderAndLimit(request, keyOrder::get);
    }

    /**
     * ORDER BY the requested keys (groups by {@code keyOrder}, the JSON text of the key or its date bucket; metrics
     * by their aliases m0..), then the group keys, missing keys last; LIMIT ?.
     */
    static String orderAndLimit(AggregateRequest request, java.util.function.IntFunction<String> keyOrder) {
        List<String> order = new ArrayList<>();
        for (AggregateRequest.Sort s : request.sort()) {
            order.add(column(request, s.name(), keyOrder) + (s.descending() ? " DESC" : " ASC") + " NULLS LAST");
        }
        for (int i = 0; i < request.groups().size(); i++) {
            order.add(keyOrder.apply(i) + " ASC NULLS LAST");
        }
        return (order.isEmpty() ? "" : " ORDER BY " + String.join(", ", order)) + " LIMIT ?";
    }

    private static String column(AggregateRequest request, String name, java.util.function.IntFunction<String> key) {
        for (int i = 0; i < request.groups().size(); i++) {
            if (request.groups().get(i).name().equals(name)) {
                return key.apply(i);
            }
        }
        for (int i = 0; i < request.metrics().size(); i++) {
            if (request.metrics().get(i).name().equals(name)) {
                return "m" + i;
            }
        }
        throw new IllegalStateException("no column " + name);
    }

    /** A short name of the database kind (part of what a cursor is bound to). */
    abstract String kind();

    /** Makes a connection ready for this dialect's SQL (SQLite: registers the functions {@code fuzzy} uses). */
    void prepare(Connection c) throws SQLException {
    }

    // ---- keyset paging ----

    /** The sort-key value of the row at {@code col}, as a cursor keeps it (null for SQL NULL). */
    abstract JsonNode sortValue(ResultSet rs, int col) throws SQLException;

    /** The field sorts after the cursor's value {@code v} (not null) in its direction; missing values come last. */
    abstract String keyAfter(FieldPath path, JsonNode v, boolean descending, List<Object> params);

    /** The field's sort value equals the cursor's value {@code v} (not null). */
    abstract String keyEquals(FieldPath path, JsonNode v, List<Object> params);

    /**
     * The records after the cursor's position in the order {@code sort} (each key ascending or descending, nulls
     * last, then gid ascending): for some key i, the keys before i equal the cursor's and key i comes after it, or
     * all keys equal and the gid is greater.
     */
    Sql after(List<SearchRequest.Sort> sort, SearchRequest.Cursor cursor) {
        List<Object> params = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        List<Object> equalParams = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            FieldPath path = sort.get(i).path();
            JsonNode v = cursor.keys().get(i);
            if (v != null) {
                List<String> branch = new ArrayList<>(equalSoFar);
                params.addAll(equalParams);
                branch.add(keyAfter(path, v, sort.get(i).descending(), params));
                any.add("(" + String.join(" AND ", branch) + ")");
                equalSoFar.add(keyEquals(path, v, equalParams));
            } else {
                equalSoFar.add(sortKey(path) + " IS NULL"); // only other missing values come after a missing one
            }
        }
        List<String> last = new ArrayList<>(equalSoFar);
        last.add("r.gid > ?");
        params.addAll(equalParams);
        params.add(cursor.gid());
        any.add("(" + String.join(" AND ", last) + ")");
        return new Sql("(" + String.join(" OR ", any) + ")", params);
    }

    // ---- the primitives each database writes ----

    abstract String eq(Ref ref, JsonNode value, List<Object> params);

    /** The field equals one of the values (none null). */
    String in(Ref ref, List<JsonNode> values, List<Object> params) {
        List<String> any = new ArrayList<>();
        for (JsonNode v : values) {
            any.add(eq(ref, v, params));
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    abstract String compare(Ref ref, String sqlOp, JsonNode value, List<Object> params);

    /**
     * The folded text at {@code ref} is like {@code pattern} (with {@code \} as escape); {@code literals} are the
     * parts of the pattern that must occur as they are (for a text index to narrow the search).
     */
    abstract String like(Ref ref, String pattern, List<String> literals, List<Object> params, Probe probe);

    /** The folded text at {@code ref} holds one of the words (as substrings). */
    String keyword(Ref ref, List<String> words, List<Object> params, Probe probe) {
        List<String> any = new ArrayList<>();
        for (String w : words) {
            any.add(like(ref, "%" + escape(w) + "%", List.of(w), params, probe));
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /** The folded text at {@code ref} matches every word of {@code words} in the sense of {@link Fuzzy}. */
    abstract String fuzzy(Ref ref, String query, List<String> words, List<Object> params, Probe probe);

    /** Some element of the array at {@code ref} passes {@code element}, given the element's place. */
    abstract String anyElement(Ref ref, Function<Ref, String> element, String alias);

    /**
     * A necessary condition for {@code any} whose element filter is {@code element}, that an index can serve, or
     * null: the array holds an object with these values.
     */
    String anyPrefilter(Ref ref, Filter element, List<Object> params, Probe probe) {
        return null;
    }

    private final class Compiler {
        private final List<Object> params;
        private final Probe probe;
        private int aliases;

        Compiler(List<Object> params, Probe probe) {
            this.params = params;
            this.probe = probe;
        }

        String compile(Filter f, Ref base) {
            if (f instanceof Filter.Compare c) {
                Ref ref = base.then(c.path());
                switch (c.op()) {
                    case "eq":
                        if ("gid".equals(ref.plain()) && c.value().isTextual()) {
                            // the row's gid column holds the record's gid: its index finds the record
                            params.add(c.value().asText());
                            return "(r.gid = ? AND " + eq(ref, c.value(), params) + ")";
                        }
                        return eq(ref, c.value(), params);
                    case "neq":
                        return "NOT COALESCE((" + eq(ref, c.value(), params) + "), FALSE)";
                    case "gt":
                        return compare(ref, ">", c.value(), params);
                    case "gte":
                        return compare(ref, ">=", c.value(), params);
                    case "lt":
                        return compare(ref, "<", c.value(), params);
                    default:
                        return compare(ref, "<=", c.value(), params);
                }
            }
            if (f instanceof Filter.In in) {
                Ref ref = base.then(in.path());
                List<JsonNode> values = new ArrayList<>();
                boolean withNull = false;
                for (JsonNode v : in.values()) {
                    if (v.isNull()) {
                        withNull = true;
                    } else {
                        values.add(v);
                    }
                }
                List<String> any = new ArrayList<>();
                if (!values.isEmpty() && "gid".equals(ref.plain()) && values.stream().allMatch(JsonNode::isTextual)) {
                    values.forEach(v -> params.add(v.asText()));
                    any.add("(r.gid IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ") AND "
                            + in(ref, values, params) + ")");
                } else if (!values.isEmpty()) {
                    any.add(in(ref, values, params));
                }
                if (withNull) {
                    any.add(eq(ref, JsonNodeFactory.instance.nullNode(), params));
                }
                return "(" + String.join(" OR ", any) + ")";
            }
            if (f instanceof Filter.Text t) {
                return text(base.then(t.path()), t.op(), t.text());
            }
            if (f instanceof Filter.Contains c) {
                Ref array = base.then(c.path());
                return anyElement(array, el -> eq(el, c.value(), params), "je" + (++aliases));
            }
            if (f instanceof Filter.Any a) {
                Ref array = base.then(a.path());
                String pre = anyPrefilter(array, a.element(), params, probe);
                String exact = anyElement(array, el -> compile(a.element(), el), "je" + (++aliases));
                return pre == null ? exact : "(" + pre + " AND " + exact + ")";
            }
            if (f instanceof Filter.Not n) {
                return "NOT COALESCE((" + compile(n.filter(), base) + "), FALSE)";
            }
            if (f instanceof Filter.And and) {
                return join(and.filters(), " AND ", base);
            }
            return join(((Filter.Or) f).filters(), " OR ", base);
        }

        private String join(List<Filter> filters, String op, Ref base) {
            List<Filter> ordered = new ArrayList<>(filters);
            if (op.equals(" AND ")) {
                // cheap conditions first: a database that checks them in the order written skips the costly ones
                // (text, arrays) for rows the cheap ones already ruled out
                ordered.sort(java.util.Comparator.comparingInt(Compiler::cost));
            }
            List<String> parts = new ArrayList<>();
            for (Filter f : ordered) {
                parts.add("(" + compile(f, base) + ")");
            }
            return "(" + String.join(op, parts) + ")";
        }

        private static int cost(Filter f) {
            return f instanceof Filter.Compare || f instanceof Filter.In ? 0 : f instanceof Filter.Text ? 1 : 2;
        }

        private String text(Ref ref, String op, String text) {
            String folded = text.toLowerCase(Locale.ROOT);
            if (op.equals("like")) {
                boolean wildcards = folded.indexOf('%') >= 0 || folded.indexOf('_') >= 0;
                String pattern = wildcards ? folded.replace("\\", "\\\\") : "%" + escape(folded) + "%";
                List<String> literals = wildcards ? List.of(folded.split("[%_]+")) : List.of(folded);
                return like(ref, pattern, literals, params, probe);
            }
            List<String> words = new ArrayList<>();
            if (op.equals("fuzzy")) {
                words.addAll(Fuzzy.words(folded));
            } else {
                for (String w : WORD_SPLIT.split(folded)) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
            }
            if (words.isEmpty()) {
                throw new QueryException("query.filter." + op, op + ": the text has no words (letters or digits)");
            }
            return op.equals("keyword") ? keyword(ref, words, params, probe)
                    : fuzzy(ref, folded, words, params, probe);
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A number as SQLite binds it: whole numbers as long when they fit, others as double. */
    static Object number(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.asLong() : (Object) v.asDouble();
    }

    static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct three-character substrings of a text (as PostgreSQL's {@code cs_trigrams} computes them). */
    static List<String> trigrams(String s) {
        int[] cps = s.codePoints().toArray();
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i + 3 <= cps.length; i++) {
            out.add(new String(cps, i, 3));
        }
        return new ArrayList<>(out);
    }

    /** The pattern as SQL LIKE reads it without an ESCAPE clause, when that means the same; else null. */
    static String withoutEscapes(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                char next = ++i < pattern.length() ? pattern.charAt(i) : 0;
                if (next != '\\') {
                    return null; // an escaped % or _: only the ESCAPE form says it
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * SQLite: paths are JSON path strings, built in SQL when an {@code any} supplies an array position. The user
     * functions {@code cs_fuzzy(text, query)}, {@code cs_fuzzy_word(query_word, word)} and {@code cs_words(text)}
     * (for the word index's triggers) are registered on every connection the store uses.
     */
    static final class Sqlite extends SqlDialect {
        private static final int DETERMINISTIC_INNOCUOUS = org.sqlite.Function.FLAG_DETERMINISTIC | 0x200000;
        private static final Map<SQLiteConnection, Boolean> PREPARED = Collections.synchronizedMap(
                new WeakHashMap<>());

        private static String path(Ref ref) {
            StringBuilder literal = new StringBuilder("$");
            List<String> pieces = new ArrayList<>();
            for (Ref.Part p : ref.parts()) {
                if (p.name() != null) {
                    literal.append('.').append(p.name());
                } else {
                    literal.append('[');
                    pieces.add("'" + literal + "'");
                    pieces.add("(" + p.indexSql() + ")");
                    literal.setLength(0);
                    literal.append(']');
                }
            }
            pieces.add("'" + literal + "'");
            return pieces.size() == 1 ? pieces.get(0) : "(" + String.join(" || ", pieces) + ")";
        }

        @Override
        String kind() {
            return "sqlite";
        }

        @Override
        void prepare(Connection c) throws SQLException {
            SQLiteConnection sqlite = c instanceof SQLiteConnection s ? s
                    : c.isWrapperFor(SQLiteConnection.class) ? c.unwrap(SQLiteConnection.class) : null;
            if (sqlite == null || PREPARED.containsKey(sqlite)) {
                return;
            }
            register(sqlite);
            try (java.sql.Statement st = sqlite.createStatement()) {
                // pages read through the operating system's cache instead of each connection's own: a connection
                // that starts cold (one per call, without a pool) reads a large store as fast as a warm one
                st.execute("PRAGMA mmap_size = " + MMAP_BYTES);
            }
            PREPARED.put(sqlite, Boolean.TRUE);
        }

        /** How much of the database file SQLite maps into memory. */
        static final long MMAP_BYTES = 1L << 30;

        /** Registers the store's functions on a connection (one instance each: they keep per-call state). */
        static void register(Connection c) throws SQLException {
            org.sqlite.Function.create(c, "cs_fuzzy", new org.sqlite.Function() {
                private String lastQuery;
                private List<String> lastWords;

                @Override
                protected void xFunc() throws SQLException {
                    String text = value_text(0);
                    String query = value_text(1);
                    if (text == null || query == null) {
                        result();
                        return;
                    }
                    if (!query.equals(lastQuery)) {
                        lastWords = Fuzzy.words(query);
                        lastQuery = query;
                    }
                    result(Fuzzy.matches(Fuzzy.words(text), lastWords) ? 1 : 0);
                }
            }, 2, DETERMINISTIC_INNOCUOUS);
            org.sqlite.Function.create(c, "cs_fuzzy_word", new org.sqlite.Function() {
                @Override
                protected void xFunc() throws SQLException {
                    String q = value_text(0);
                    String w = value_text(1);
                    if (q == null || w == null) {
                        result();
                        return;
                    }
                    result(Fuzzy.wordMatches(q, w) ? 1 : 0);
                }
            }, 2, DETERMINISTIC_INNOCUOUS);
            org.sqlite.Function.create(c, "cs_words", new org.sqlite.Function() {
                @Override
                protected void xFunc() throws SQLException {
                    String text = value_text(0);
                    if (text == null) {
                        result();
                    } else {
                        result(Fuzzy.wordList(text));
                    }
                }
            }, 1, DETERMINISTIC_INNOCUOUS);
        }

        @Override
        String eq(Ref ref, JsonNode v, List<Object> params) {
            String p = path(ref);
            String type = "json_type(r.doc, " + p + ")";
            if (v.isNull()) {
                return "(" + type + " IS NULL OR " + type + " = 'null')";
            }
            if (v.isBoolean()) {
                return type + " = '" + v.asBoolean() + "'";
            }
            params.add(v.isNumber() ? number(v) : v.asText());
            return "(json_extract(r.doc, " + p + ") = ? AND " + type + (v.isNumber() ? " IN ('integer', 'real')"
                    : " = 'text'") + ")";
        }

        @Override
        String in(Ref ref, List<JsonNode> values, List<Object> params) {
            // one IN per kind of value, each a lookup in an index on json_extract of the field
            String p = path(ref);
            List<String> any = new ArrayList<>();
            List<Object> texts = new ArrayList<>();
            List<Object> numbers = new ArrayList<>();
            for (JsonNode v : values) {
                if (v.isBoolean()) {
                    any.add(eq(ref, v, params));
                } else if (v.isNumber()) {
                    numbers.add(number(v));
                } else {
                    texts.add(v.asText());
                }
            }
            if (!texts.isEmpty()) {
                any.add("(json_extract(r.doc, " + p + ") IN (" + String.join(", ", Collections.nCopies(texts.size(),
                        "?")) + ") AND json_type(r.doc, " + p + ") = 'text')");
                params.addAll(texts);
            }
            if (!numbers.isEmpty()) {
                any.add("(json_extract(r.doc, " + p + ") IN (" + String.join(", ", Collections.nCopies(
                        numbers.size(), "?")) + ") AND json_type(r.doc, " + p + ") IN ('integer', 'real'))");
                params.addAll(numbers);
            }
            return "(" + String.join(" OR ", any) + ")";
        }

        @Override
        String compare(Ref ref, String op, JsonNode v, List<Object> params) {
            String p = path(ref);
            params.add(v.isNumber() ? number(v) : v.asText());
            return "(json_extract(r.doc, " + p + ") " + op + " ? AND json_type(r.doc, " + p + ")"
                    + (v.isNumber() ? " IN ('integer', 'real')" : " = 'text'") + ")";
        }

        private static String folded(Ref ref) {
            String p = path(ref);
            return "json_type(r.folded, " + p + ") = 'text' AND json_extract(r.folded, " + p + ")";
        }

        /**
         * The records {@code rowids} lists (exact for the condition): without a probe, the subquery; when the probe
         * finds few, their row ids (listed in the same transaction as the query); when it finds many, null (the caller
         * then checks each record in order).
         */
        private static String indexed(String rowids, List<Object> sub, List<Object> params, Probe probe) {
            if (probe == null) {
                params.addAll(sub);
                return "r.rid IN (" + rowids + ")";
            }
            List<Long> ids = probe.few(rowids, sub);
            if (ids == null) {
                return null;
            }
            params.add(ids.toString()); // a JSON array of numbers
            return "r.rid IN (SELECT value FROM json_each(?))";
        }

        @Override
        String like(Ref ref, String pattern, List<String> literals, List<Object> params, Probe probe) {
            String field = ref.textField();
            String exact = "(" + folded(ref) + " LIKE ? ESCAPE '\\')";
            if (field == null) {
                params.add(pattern);
                return exact;
            }
            // cs_text holds the folded text of the field (null when it is not text); its trigram index answers a
            // LIKE without ESCAPE, and the ESCAPE form then checks each candidate exactly
            if (probe != null && probe.common(exact, List.of(pattern))) {
                params.add(pattern);
                return exact;
            }
            String plain = withoutEscapes(pattern);
            List<Object> sub = new ArrayList<>();
            String rowids;
            if (plain == null) {
                rowids = "SELECT rowid FROM cs_text WHERE " + field + " LIKE ? ESCAPE '\\'";
            } else {
                rowids = "SELECT rowid FROM cs_text WHERE " + field + " LIKE ? AND " + field + " LIKE ? ESCAPE '\\'";
                sub.add(plain);
            }
            sub.add(pattern);
            String in = indexed(rowids, sub, params, probe);
            if (in == null) {
                params.add(pattern);
                return exact;
            }
            return in;
        }

        @Override
        String keyword(Ref ref, List<String> words, List<Object> params, Probe probe) {
            String field = ref.textField();
            List<String> each = new ArrayList<>();
            List<Object> patterns = new ArrayList<>();
            for (String w : words) {
                each.add("(" + folded(ref) + " LIKE ? ESCAPE '\\')");
                patterns.add("%" + w + "%"); // the words hold letters and digits only: no wildcard to escape
            }
            String exact = "(" + String.join(" OR ", each) + ")";
            if (field == null || probe != null && probe.common(exact, patterns)) {
                params.addAll(patterns);
                return exact;
            }
            List<String> any = new ArrayList<>();
            List<Object> sub = new ArrayList<>();
            for (Object pattern : patterns) {
                // the second LIKE checks each candidate of the trigram index exactly
                any.add("SELECT rowid FROM cs_text WHERE " + field + " LIKE ? AND " + field + " LIKE ? ESCAPE '\\'");
                sub.add(pattern);
                sub.add(pattern);
            }
            String in = indexed(String.join(" UNION ", any), sub, params, probe);
            if (in == null) {
                params.addAll(patterns);
                return exact;
            }
            return in;
        }

        @Override
        String fuzzy(Ref ref, String query, List<String> words, List<Object> params, Probe probe) {
            String p = path(ref);
            String exact = "(json_type(r.folded, " + p + ") = 'text' AND cs_fuzzy(json_extract(r.folded, " + p
                    + "), ?))";
            String field = ref.textField();
            if (field == null) {
                params.add(query);
                return exact;
            }
            // cs_text_words holds the words of the field. One FTS5 query: per query word, a word it is a prefix of
            // (a prefix query) or one of the indexed words close enough to it (found in the index's vocabulary,
            // narrowed by length and by the pieces a close word must contain, checked by cs_fuzzy_word); all words.
            List<String> parts = new ArrayList<>();
            List<Object> sub = new ArrayList<>();
            String open = "{" + field + "} : ((";
            for (String q : words) {
                parts.add("?");
                sub.add(open + "\"" + q + "\" *");
                open = ") AND (";
                int length = q.codePointCount(0, q.length());
                int k = Fuzzy.maxEdits(length);
                if (k > 0) {
                    List<String> likes = new ArrayList<>();
                    sub.add(length - k);
                    sub.add(length + k);
                    for (String piece : Fuzzy.pieces(q, k)) {
                        likes.add("word LIKE ?");
                        sub.add("%" + piece + "%");
                    }
                    sub.add(q);
                    parts.add("coalesce((SELECT group_concat(' OR \"' || word || '\"', '') FROM cs_words_vocab "
                            + "WHERE length(word) BETWEEN ? AND ? AND (" + String.join(" OR ", likes) + ") AND "
                            + "cs_fuzzy_word(?, word)), '')");
                }
            }
            parts.add("'))'");
            String rowids = "SELECT rowid FROM cs_text_words WHERE cs_text_words MATCH (" + String.join(" || ", parts)
                    + ")";
            String in = indexed(rowids, sub, params, probe);
            if (in == null) {
                // the words are common: the records are checked in order against the candidates (the unary + keeps
                // SQLite from reading the candidates first)
                params.addAll(sub);
                return "+r.rid IN (" + rowids + ")";
            }
            return in;
        }

        @Override
        String anyPrefilter(Ref ref, Filter element, List<Object> params, Probe probe) {
            // {"any": {"projects": {"eq": {"name": "X"}}}}: the records whose projects' names hold every word of X
            // (cs_text_words.projects), a superset the exact condition then narrows
            if (!"projects".equals(ref.plain()) || !(element instanceof Filter.Compare c) || !c.op().equals("eq")
                    || !c.value().isTextual() || !c.path().segments().equals(List.of("name"))) {
                return null;
            }
            List<String> words = Fuzzy.words(c.value().asText().toLowerCase(Locale.ROOT));
            if (words.isEmpty()) {
                return null;
            }
            if (probe != null) {
                // none when many records meet the condition: the scan in order finds a page sooner
                List<Object> exactParams = new ArrayList<>();
                String exact = anyElement(ref, el -> eq(el.then(c.path()), c.value(), exactParams), "jp");
                if (probe.common(exact, exactParams)) {
                    return null;
                }
            }
            StringBuilder match = new StringBuilder("{projects} : (");
            for (int i = 0; i < words.size(); i++) {
                match.append(i == 0 ? "\"" : " AND \"").append(words.get(i)).append('"');
            }
            return indexed("SELECT rowid FROM cs_text_words WHERE cs_text_words MATCH ?", List.of(match.append(")")
                    .toString()), params, probe);
        }

        @Override
        String anyElement(Ref ref, Function<Ref, String> element, String alias) {
            String p = path(ref);
            return "(json_type(r.doc, " + p + ") = 'array' AND EXISTS (SELECT 1 FROM json_each(r.doc, " + p + ") "
                    + alias + " WHERE " + element.apply(ref.at(alias + ".key", null)) + "))";
        }

        @Override
        public String sortKey(FieldPath path) {
            return "json_extract(r.doc, " + path(Ref.of(path)) + ")";
        }

        @Override
        JsonNode sortValue(ResultSet rs, int col) throws SQLException {
            Object v = rs.getObject(col);
            if (v == null) {
                return null;
            }
            if (v instanceof Integer || v instanceof Long) {
                return JsonNodeFactory.instance.numberNode(((Number) v).longValue());
            }
            if (v instanceof Number n) {
                return JsonNodeFactory.instance.numberNode(n.doubleValue());
            }
            return JsonNodeFactory.instance.textNode(v.toString());
        }

        @Override
        String keyAfter(FieldPath path, JsonNode v, boolean descending, List<Object> params) {
            String key = sortKey(path);
            params.add(v.isNumber() ? number(v) : v.asText());
            return "(" + key + (descending ? " < ?" : " > ?") + " OR " + key + " IS NULL)";
        }

        @Override
        String keyEquals(FieldPath path, JsonNode v, List<Object> params) {
            params.add(v.isNumber() ? number(v) : v.asText());
            return sortKey(path) + " = ?";
        }

        @Override
        public String migrations() {
            return "classpath:dev/agentconnector/contextstore/db/sqlite";
        }

        @Override
        int groupColumnCount(String bucket) {
            return bucket == null ? 2 : 1;
        }

        @Override
        List<String> innerKey(FieldPath path) {
            String p = path(Ref.of(path));
            return List.of("json_type(r.doc, " + p + ")", "json_extract(r.doc, " + p + ")");
        }

        /** The type class (numbers as one, null as missing) and the value, or the date bucket of a text. */
        @Override
        List<String> outerKey(String bucket, List<String> inner) {
            String t = inner.get(0);
            String v = inner.get(1);
            if (bucket == null) {
                return List.of("(CASE WHEN " + t + " IN ('integer', 'real') THEN 'number' WHEN " + t + " = 'null' "
                        + "THEN NULL ELSE " + t + " END)", v);
            }
            String day = "date(substr(" + v + ", 1, 10))";
            String b = switch (bucket) {
                case "day" -> day;
                case "week" -> "date(" + day + ", '-' || ((CAST(strftime('%w', " + day + ") AS INTEGER) + 6) % 7) "
                        + "|| ' days')";
                default -> "substr(" + day + ", 1, 7)";
            };
            return List.of("(CASE WHEN " + t + " = 'text' THEN " + b + " END)");
        }

        /** The key's JSON text, as PostgreSQL orders groups (a bucket as it is). */
        @Override
        String keyOrder(String bucket, List<String> outer) {
            if (bucket != null) {
                return outer.get(0);
            }
            String c = outer.get(0);
            String g = outer.get(1);
            return "(CASE WHEN " + c + " IS NULL THEN NULL WHEN " + c + " IN ('object', 'array') THEN " + g
                    + " WHEN " + c + " IN ('true', 'false') THEN " + c + " ELSE json_quote(" + g + ") END)";
        }

        @Override
        String numberPart(FieldPath path) {
            String p = path(Ref.of(path));
            return "(CASE WHEN json_type(r.doc, " + p + ") IN ('integer', 'real') THEN json_extract(r.doc, " + p
                    + ") END)";
        }

        @Override
        String textPart(FieldPath path) {
            String p = path(Ref.of(path));
            return "(CASE WHEN json_type(r.doc, " + p + ") = 'text' THEN json_extract(r.doc, " + p + ") END)";
        }

        @Override
        String outerSum(String s) {
            return "SUM(" + s + ")";
        }

        @Override
        String outerAvg(String s, String k) {
            return "(SUM(" + s + ") * 1.0 / SUM(" + k + "))";
        }

        @Override
        String outerMinMax(String fn, String numbers, String texts) {
            return "COALESCE(" + fn + "(" + numbers + "), " + fn + "(" + texts + "))";
        }

        @Override
        public JsonNode groupValue(ResultSet rs, int col, String bucket) throws SQLException {
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (bucket != null) {
                String s = rs.getString(col);
                return s == null ? f.nullNode() : f.textNode(s);
            }
            String type = rs.getString(col);
            if (type == null) {
                return f.nullNode();
            }
            switch (type) {
                case "true":
                    return f.booleanNode(true);
                case "false":
                    return f.booleanNode(false);
                case "number": {
                    Object n = rs.getObject(col + 1);
                    return n instanceof Integer || n instanceof Long ? f.numberNode(((Number) n).longValue())
                            : f.numberNode(((Number) n).doubleValue());
                }
                case "text":
                    return f.textNode(rs.getString(col + 1));
                default:
                    return readJson(rs.getString(col + 1)); // object or array, as JSON text
            }
        }

    }

    /**
     * PostgreSQL: paths are {@code text[]} for {@code #>}, with array positions from {@code WITH ORDINALITY}. The hot
     * fields are read from the generated columns of migrations V4 and V5 ({@code h_*}: the field's {@code jsonb};
     * {@code t_name}, {@code t_notes}: the folded text of {@code name} and {@code notes}; {@code g_*}: its
     * trigrams; {@code w_*}: its words), which are small, and which the indexes are built on.
     */
    static final class Postgres extends SqlDialect {
        /** Hot fields and their generated columns (each holds {@code doc #> path}). */
        private static final Map<String, String> HOT = Map.of("completed", "h_completed", "due_on", "h_due_on",
                "modified_at", "h_modified_at", "assignee.name", "h_assignee_name", "projects", "h_projects");

        private static String path(Ref ref) {
            List<String> items = new ArrayList<>();
            for (Ref.Part p : ref.parts()) {
                items.add(p.name() != null ? "'" + p.name() + "'" : "(" + p.indexSql() + ")::text");
            }
            return "ARRAY[" + String.join(", ", items) + "]::text[]";
        }

        /** The field's value as jsonb (SQL NULL when missing). */
        private static String value(String column, Ref ref) {
            String plain = ref.plain();
            if (column.equals("r.doc") && plain != null && HOT.containsKey(plain)) {
                return "r." + HOT.get(plain);
            }
            if (column.equals("r.doc") && ref.element() != null) {
                List<Ref.Part> below = ref.belowElement();
                return below.isEmpty() ? ref.element() : ref.element() + " #> " + path(new Ref(below));
            }
            return column + " #> " + path(ref);
        }

        /** The field's value as text (a JSON string's content; other values as JSON text). */
        private static String text(String column, Ref ref) {
            String plain = ref.plain();
            if (column.equals("r.doc") && plain != null && HOT.containsKey(plain)) {
                return "(r." + HOT.get(plain) + " #>> '{}')";
            }
            if (column.equals("r.doc") && ref.element() != null) {
                List<Ref.Part> below = ref.belowElement();
                return "(" + ref.element() + " #>> " + (below.isEmpty() ? "'{}'" : path(new Ref(below))) + ")";
            }
            return column + " #>> " + path(ref);
        }

        private static String typed(String column, Ref ref, String jsonType, String as) {
            return "(CASE WHEN jsonb_typeof(" + value(column, ref) + ") = '" + jsonType + "' THEN ("
                    + text(column, ref) + ")" + as + " END)";
        }

        /** The folded text of a field when it is text, else NULL. */
        private static String foldedText(Ref ref) {
            String field = ref.textField();
            return field != null ? "r.t_" + field : typed("r.folded", ref, "string", "");
        }

        @Override
        String kind() {
            return "postgresql";
        }

        @Override
        String eq(Ref ref, JsonNode v, List<Object> params) {
            String value = value("r.doc", ref);
            if (v.isNull()) {
                return "(" + value + " IS NULL OR jsonb_typeof(" + value + ") = 'null')";
            }
            if (v.isBoolean()) {
                return value + " = '" + v.asBoolean() + "'::jsonb";
            }
            // jsonb equality: same type and value (numbers compare as numbers), what a btree on the column answers
            params.add(v.toString());
            return value + " = CAST(? AS jsonb)";
        }

        @Override
        String in(Ref ref, List<JsonNode> values, List<Object> params) {
            List<String> items = new ArrayList<>();
            for (JsonNode v : values) {
                items.add("CAST(? AS jsonb)");
                params.add(v.toString());
            }
            return value("r.doc", ref) + " IN (" + String.join(", ", items) + ")";
        }

        @Override
        String compare(Ref ref, String op, JsonNode v, List<Object> params) {
            params.add(v.isNumber() ? new BigDecimal(v.asText()) : v.asText());
            if (v.isNumber()) {
                return typed("r.doc", ref, "number", "::numeric") + " " + op + " ?";
            }
            String cmp = "(" + typed("r.doc", ref, "string", "") + " COLLATE \"C\") " + op + " ?";
            String plain = ref.plain();
            // on a hot field, also the type term of its sort order (implied): the index on the sort terms then
            // answers the range
            return plain != null && HOT.containsKey(plain) ? "(" + sortTerms(ref).get(0) + " = 1 AND " + cmp + ")"
                    : cmp;
        }

        @Override
        String like(Ref ref, String pattern, List<String> literals, List<Object> params, Probe probe) {
            String field = ref.textField();
            params.add(pattern);
            String exact = foldedText(ref) + " LIKE ? ESCAPE '\\'";
            if (field == null || probe != null && probe.common(exact, List.of(pattern))) {
                return exact;
            }
            // the trigram GIN index (g_name, g_notes) finds the rows holding every trigram of each literal part
            List<String> all = new ArrayList<>(List.of(exact));
            List<String> trigrams = new ArrayList<>();
            for (String literal : literals) {
                trigrams.addAll(trigrams(literal));
            }
            if (!trigrams.isEmpty()) {
                // the trigrams as a value, which the column's statistics weigh
                all.add("r.g_" + field + " @> CAST(? AS text[])");
                params.add(trigrams.toArray(new String[0]));
            }
            return "(" + String.join(" AND ", all) + ")";
        }

        @Override
        String fuzzy(Ref ref, String query, List<String> words, List<Object> params, Probe probe) {
            String field = ref.textField();
            if (field == null) {
                params.add(query);
                return "COALESCE(cs_fuzzy(" + foldedText(ref) + ", ?), FALSE)";
            }
            // per query word: the rows whose words (w_name, w_notes: cs_words of the text, with GIN indexes) include
            // one of the words of the vocabulary it matches (cs_fuzzy_candidates: the words it is a prefix of, and
            // those close enough)
            List<String> each = new ArrayList<>();
            if (probe == null) {
                for (String q : words) {
                    // a scalar subquery: worked out once per query, whichever plan is chosen
                    each.add("r.w_" + field + " && (SELECT cs_fuzzy_candidates(?))");
                    params.add(q);
                }
                return "(" + String.join(" AND ", each) + ")";
            }
            // the candidate words as values; when many records hold them, the condition is written so that no index
            // serves it (a copy of the column), and the records are checked in order
            List<Object> words2 = new ArrayList<>();
            for (String q : words) {
                each.add("r.w_" + field + " && CAST(? AS text[])");
                words2.add(probe.fuzzyWords(q).toArray(new String[0]));
            }
            String indexed = "(" + String.join(" AND ", each) + ")";
            params.addAll(words2);
            return probe.common(indexed, words2) ? indexed.replace("r.w_" + field + " &&", "(r.w_" + field
                    + " || '{}'::text[]) &&") : indexed;
        }

        @Override
        String anyElement(Ref ref, Function<Ref, String> element, String alias) {
            String value = value("r.doc", ref);
            // the element's fields are read from the element (alias.v), not from the whole record again
            return "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(" + value + ") = 'array' THEN "
                    + value + " ELSE '[]'::jsonb END) WITH ORDINALITY AS " + alias + "(v, o) WHERE "
                    + element.apply(ref.at(alias + ".o - 1", alias + ".v")) + ")";
        }

        @Override
        String anyPrefilter(Ref ref, Filter element, List<Object> params, Probe probe) {
            // {"any": {"projects": {"eq": {"name": "X"}}}}: the array contains an object with that value, which
            // the GIN index (jsonb_path_ops) on a hot array answers
            String plain = ref.plain();
            if (plain == null || !HOT.containsKey(plain) || !(element instanceof Filter.Compare c)
                    || !c.op().equals("eq") || c.value().isNull() || c.path().segments().size() != 1) {
                return null;
            }
            if (probe != null) {
                // none when many records meet the condition: they are then checked in order
                List<Object> exactParams = new ArrayList<>();
                String exact = anyElement(ref, el -> eq(el.then(c.path()), c.value(), exactParams), "jp");
                if (probe.common(exact, exactParams)) {
                    return null;
                }
            }
            params.add("[{\"" + c.path().segments().get(0) + "\": " + c.value() + "}]");
            return value("r.doc", ref) + " @> CAST(? AS jsonb)";
        }

        @Override
        public String sortKey(FieldPath path) {
            // a JSON null sorts with the missing values (last), as on SQLite
            return "NULLIF(" + value("r.doc", Ref.of(path)) + ", 'null'::jsonb)";
        }

        /**
         * The order of a field's values: by type (text, numbers, booleans, arrays, objects; missing and null last),
         * then text by code point (COLLATE "C", as SQLite compares it, whatever the database's collation) and other
         * values as jsonb orders them. Three terms, the ones the date indexes of V4 hold: a range on a date and the
         * order by it are answered by one index.
         */
        private static List<String> sortTerms(Ref ref) {
            String v = value("r.doc", ref);
            return List.of("(CASE jsonb_typeof(" + v + ") WHEN 'string' THEN 1 WHEN 'number' THEN 2 WHEN 'boolean' "
                    + "THEN 3 WHEN 'array' THEN 4 WHEN 'object' THEN 5 END)",
                    "(" + typed("r.doc", ref, "string", "") + " COLLATE \"C\")",
                    "(CASE WHEN jsonb_typeof(" + v + ") IN ('number', 'boolean', 'array', 'object') THEN " + v
                            + " END)");
        }

        private static int rank(JsonNode v) {
            return v.isTextual() ? 1 : v.isNumber() ? 2 : v.isBoolean() ? 3 : v.isArray() ? 4 : 5;
        }

        @Override
        List<String> orderBy(FieldPath path, boolean descending) {
            List<String> t = sortTerms(Ref.of(path));
            // within a type the other terms are null alike, so where they put nulls does not matter: they put them
            // where a scan of the index in that direction finds them
            return descending
                    ? List.of(t.get(0) + " DESC NULLS LAST", t.get(1) + " DESC NULLS FIRST", t.get(2)
                            + " DESC NULLS FIRST")
                    : List.of(t.get(0) + " ASC NULLS LAST", t.get(1) + " ASC NULLS LAST", t.get(2) + " ASC NULLS LAST");
        }

        @Override
        String keyAfter(FieldPath path, JsonNode v, boolean descending, List<Object> params) {
            List<String> t = sortTerms(Ref.of(path));
            int rank = rank(v);
            String op = descending ? " < " : " > ";
            params.add(v.isTextual() ? v.asText() : v.toString());
            String same = v.isTextual() ? t.get(1) + op + "?" : t.get(2) + op + "CAST(? AS jsonb)";
            return "(" + t.get(0) + op + rank + " OR " + t.get(0) + " IS NULL OR (" + t.get(0) + " = " + rank
                    + " AND " + same + "))";
        }

        @Override
        String keyEquals(FieldPath path, JsonNode v, List<Object> params) {
            List<String> t = sortTerms(Ref.of(path));
            params.add(v.isTextual() ? v.asText() : v.toString());
            return "(" + t.get(0) + " = " + rank(v) + " AND " + (v.isTextual() ? t.get(1) + " = ?"
                    : t.get(2) + " = CAST(? AS jsonb)") + ")";
        }

        @Override
        JsonNode sortValue(ResultSet rs, int col) throws SQLException {
            String v = rs.getString(col);
            return v == null ? null : readJson(v);
        }


        @Override
        public String migrations() {
            return "classpath:dev/agentconnector/contextstore/db/postgresql";
        }

        @Override
        int groupColumnCount(String bucket) {
            return 1;
        }

        @Override
        List<String> innerKey(FieldPath path) {
            return List.of("NULLIF(" + value("r.doc", Ref.of(path)) + ", 'null'::jsonb)"); // null with missing
        }

        /** The value's JSON text, or the date bucket of a date text (from the inner query's jsonb). */
        @Override
        List<String> outerKey(String bucket, List<String> inner) {
            String v = inner.get(0);
            if (bucket == null) {
                return List.of("(" + v + ")::text");
            }
            String text = "(" + v + " #>> '{}')";
            String date = "(CASE WHEN jsonb_typeof(" + v + ") = 'string' AND " + text + " ~ "
                    + "'^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN substr(" + text + ", 1, 10)::date END)";
            return List.of(switch (bucket) {
                case "day" -> "to_char(" + date + ", 'YYYY-MM-DD')";
                case "week" -> "to_char(date_trunc('week', " + date + "), 'YYYY-MM-DD')";
                default -> "to_char(" + date + ", 'YYYY-MM')";
            });
        }

        @Override
        String keyOrder(String bucket, List<String> outer) {
            return outer.get(0);
        }

        @Override
        String numberPart(FieldPath path) {
            return typed("r.doc", Ref.of(path), "number", "::numeric");
        }

        @Override
        String textPart(FieldPath path) {
            return "(" + typed("r.doc", Ref.of(path), "string", "") + " COLLATE \"C\")";
        }

        @Override
        String outerSum(String s) {
            return "(SUM(" + s + "))::text";
        }

        @Override
        String outerAvg(String s, String k) {
            return "(SUM(" + s + ") / NULLIF(SUM(" + k + "), 0))::text";
        }

        @Override
        String outerMinMax(String fn, String numbers, String texts) {
            return "COALESCE(to_jsonb(" + fn + "(" + numbers + ")), to_jsonb(" + fn + "(" + texts + ")))::text";
        }

        @Override
        public JsonNode groupValue(ResultSet rs, int col, String bucket) throws SQLException {
            String s = rs.getString(col);
            if (s == null) {
                return JsonNodeFactory.instance.nullNode();
            }
            return bucket == null ? readJson(s) : JsonNodeFactory.instance.textNode(s);
        }
    }
}
