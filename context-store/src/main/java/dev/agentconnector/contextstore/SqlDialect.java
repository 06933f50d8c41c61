package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The search grammar compiled to SQL over {@code cs_records} (alias {@code r}): {@code r.doc} holds each record as
 * JSON and {@code r.folded} the same record with its text lower-cased, which the text operators read. One
 * translation of each operator's meaning, written once per database: SQLite's JSON functions ({@code json_type},
 * {@code json_extract}, {@code json_each}) and PostgreSQL's {@code jsonb} operators. Field names are checked by
 * {@link FieldPath} and written as literals; values always go in as parameters.
 */
public abstract sealed class SqlDialect permits SqlDialect.Sqlite, SqlDialect.Postgres {
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** SQLite 3.38 or later (JSON functions built in). */
    public static final SqlDialect SQLITE = new Sqlite();
    /** PostgreSQL 12 or later ({@code jsonb}). */
    public static final SqlDialect POSTGRES = new Postgres();

    /** A compiled condition and its parameters, in order. */
    public record Sql(String text, List<Object> params) {
    }

    /** A place in a record: field names, and array positions given by SQL expressions of enclosing {@code any}s. */
    record Ref(List<Part> parts) {
        record Part(String name, String indexSql) {
        }

        static Ref of(FieldPath path) {
            return new Ref(path.segments().stream().map(s -> new Part(s, null)).toList());
        }

        Ref then(FieldPath path) {
            List<Part> p = new ArrayList<>(parts);
            path.segments().forEach(s -> p.add(new Part(s, null)));
            return new Ref(p);
        }

        Ref at(String indexSql) {
            List<Part> p = new ArrayList<>(parts);
            p.add(new Part(null, indexSql));
            return new Ref(p);
        }
    }

    /** Compiles a filter; null means every record. */
    public Sql where(Filter filter) {
        List<Object> params = new ArrayList<>();
        String text = filter == null ? "1 = 1" : new Compiler(params).compile(filter, new Ref(List.of()));
        return new Sql(text, params);
    }

    /** The ORDER BY key of a field. */
    public abstract String sortKey(FieldPath path);

    /** The migration folder of this database. */
    public abstract String migrations();

    /**
     * A group key as JSON text: the field's value, or for {@code day}, {@code week} (the Monday starting it) and
     * {@code month} the date bucket of a date or date-time text ({@code 2026-12-01}, {@code 2026-11-30},
     * {@code 2026-12}).
     */
    public abstract String groupKey(FieldPath path, String bucket);

    /** An aggregate: {@code count} of records, or {@code sum avg min max} of a field (numbers; min and max also text). */
    public abstract String metric(String fn, FieldPath path);

    // ---- the primitives each database writes ----

    abstract String eq(Ref ref, JsonNode value, List<Object> params);

    abstract String compare(Ref ref, String sqlOp, JsonNode value, List<Object> params);

    /** The folded text at {@code ref} LIKE the pattern (a parameter), with {@code \} as escape. */
    abstract String foldedLike(Ref ref, String pattern, List<Object> params);

    /** Some element of the array at {@code ref} passes {@code element}, given the element's position as SQL. */
    abstract String anyElement(Ref ref, java.util.function.Function<String, String> element, String alias);

    private final class Compiler {
        private final List<Object> params;
        private int aliases;

        Compiler(List<Object> params) {
            this.params = params;
        }

        String compile(Filter f, Ref base) {
            if (f instanceof Filter.Compare c) {
                Ref ref = base.then(c.path());
                switch (c.op()) {
                    case "eq":
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
                List<String> any = new ArrayList<>();
                for (JsonNode v : in.values()) {
                    any.add(eq(base.then(in.path()), v, params));
                }
                return "(" + String.join(" OR ", any) + ")";
            }
            if (f instanceof Filter.Text t) {
                return text(base.then(t.path()), t.op(), t.text());
            }
            if (f instanceof Filter.Contains c) {
                Ref array = base.then(c.path());
                return anyElement(array, index -> eq(array.at(index), c.value(), params), "je" + (++aliases));
            }
            if (f instanceof Filter.Any a) {
                Ref array = base.then(a.path());
                return anyElement(array, index -> compile(a.element(), array.at(index)), "je" + (++aliases));
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
            List<String> parts = new ArrayList<>();
            for (Filter f : filters) {
                parts.add("(" + compile(f, base) + ")");
            }
            return "(" + String.join(op, parts) + ")";
        }

        private String text(Ref ref, String op, String text) {
            String folded = text.toLowerCase(Locale.ROOT);
            if (op.equals("like")) {
                boolean wildcards = folded.indexOf('%') >= 0 || folded.indexOf('_') >= 0;
                String pattern = wildcards ? folded.replace("\\", "\\\\") : "%" + escape(folded) + "%";
                return foldedLike(ref, pattern, params);
            }
            List<String> words = new ArrayList<>();
            for (String w : WORD_SPLIT.split(folded)) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            if (words.isEmpty()) {
                throw new QueryException("query.filter." + op, op + ": the text has no words (letters or digits)");
            }
            List<String> each = new ArrayList<>();
            for (String w : words) {
                each.add(foldedLike(ref, "%" + escape(w) + "%", params));
            }
            return "(" + String.join(op.equals("keyword") ? " OR " : " AND ", each) + ")";
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A number as SQLite binds it: whole numbers as long when they fit, others as double. */
    static Object number(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.asLong() : (Object) v.asDouble();
    }

    /** SQLite: paths are JSON path strings, built in SQL when an {@code any} supplies an array position. */
    static final class Sqlite extends SqlDialect {
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
            return "(" + type + (v.isNumber() ? " IN ('integer', 'real')" : " = 'text'") + " AND json_extract(r.doc, "
                    + p + ") = ?)";
        }

        @Override
        String compare(Ref ref, String op, JsonNode v, List<Object> params) {
            String p = path(ref);
            params.add(v.isNumber() ? number(v) : v.asText());
            return "(json_type(r.doc, " + p + ")" + (v.isNumber() ? " IN ('integer', 'real')" : " = 'text'")
                    + " AND json_extract(r.doc, " + p + ") " + op + " ?)";
        }

        @Override
        String foldedLike(Ref ref, String pattern, List<Object> params) {
            String p = path(ref);
            params.add(pattern);
            return "(json_type(r.folded, " + p + ") = 'text' AND json_extract(r.folded, " + p + ") LIKE ? ESCAPE '\\')";
        }

        @Override
        String anyElement(Ref ref, java.util.function.Function<String, String> element, String alias) {
            String p = path(ref);
            return "(json_type(r.doc, " + p + ") = 'array' AND EXISTS (SELECT 1 FROM json_each(r.doc, " + p + ") "
                    + alias + " WHERE " + element.apply(alias + ".key") + "))";
        }

        @Override
        public String sortKey(FieldPath path) {
            return "json_extract(r.doc, " + path(Ref.of(path)) + ")";
        }

        @Override
        public String migrations() {
            return "classpath:dev/agentconnector/contextstore/db/sqlite";
        }

        @Override
        public String groupKey(FieldPath path, String bucket) {
            String p = path(Ref.of(path));
            String v = "json_extract(r.doc, " + p + ")";
            if (bucket == null) {
                String t = "json_type(r.doc, " + p + ")";
                return "(CASE WHEN " + t + " IN ('object', 'array') THEN " + v + " WHEN " + t + " IN ('true', "
                        + "'false') THEN " + t + " ELSE json_quote(" + v + ") END)";
            }
            String day = "date(substr(" + v + ", 1, 10))";
            String b = switch (bucket) {
                case "day" -> day;
                case "week" -> "date(" + day + ", '-' || ((CAST(strftime('%w', " + day + ") AS INTEGER) + 6) % 7) "
                        + "|| ' days')";
                default -> "substr(" + day + ", 1, 7)";
            };
            return "json_quote(CASE WHEN json_type(r.doc, " + p + ") = 'text' THEN " + b + " END)";
        }

        @Override
        public String metric(String fn, FieldPath path) {
            if (fn.equals("count")) {
                return "COUNT(*)";
            }
            String p = path(Ref.of(path));
            String v = "json_extract(r.doc, " + p + ")";
            if (fn.equals("min") || fn.equals("max")) {
                // numbers when the field holds any, else text (dates), as on PostgreSQL
                String f = fn.toUpperCase(java.util.Locale.ROOT);
                return "COALESCE(" + f + "(CASE WHEN json_type(r.doc, " + p + ") IN ('integer', 'real') THEN " + v
                        + " END), " + f + "(CASE WHEN json_type(r.doc, " + p + ") = 'text' THEN " + v + " END))";
            }
            return fn.toUpperCase(java.util.Locale.ROOT) + "(CASE WHEN json_type(r.doc, " + p
                    + ") IN ('integer', 'real') THEN " + v + " END)";
        }
    }

    /** PostgreSQL: paths are {@code text[]} for {@code #>}, with array positions from {@code WITH ORDINALITY}. */
    static final class Postgres extends SqlDialect {
        private static String path(Ref ref) {
            List<String> items = new ArrayList<>();
            for (Ref.Part p : ref.parts()) {
                items.add(p.name() != null ? "'" + p.name() + "'" : "(" + p.indexSql() + ")::text");
            }
            return "ARRAY[" + String.join(", ", items) + "]::text[]";
        }

        private static String typed(String column, Ref ref, String jsonType, String as) {
            String p = path(ref);
            return "(CASE WHEN jsonb_typeof(" + column + " #> " + p + ") = '" + jsonType + "' THEN (" + column
                    + " #>> " + p + ")" + as + " END)";
        }

        @Override
        String eq(Ref ref, JsonNode v, List<Object> params) {
            String value = "r.doc #> " + path(ref);
            if (v.isNull()) {
                return "(" + value + " IS NULL OR jsonb_typeof(" + value + ") = 'null')";
            }
            if (v.isBoolean()) {
                return value + " = '" + v.asBoolean() + "'::jsonb";
            }
            params.add(v.isNumber() ? new BigDecimal(v.asText()) : v.asText());
            return v.isNumber() ? typed("r.doc", ref, "number", "::numeric") + " = ?"
                    : typed("r.doc", ref, "string", "") + " = ?";
        }

        @Override
        String compare(Ref ref, String op, JsonNode v, List<Object> params) {
            params.add(v.isNumber() ? new BigDecimal(v.asText()) : v.asText());
            return v.isNumber() ? typed("r.doc", ref, "number", "::numeric") + " " + op + " ?"
                    : typed("r.doc", ref, "string", "") + " COLLATE \"C\" " + op + " ?";
        }

        @Override
        String foldedLike(Ref ref, String pattern, List<Object> params) {
            params.add(pattern);
            return typed("r.folded", ref, "string", "") + " LIKE ? ESCAPE '\\'";
        }

        @Override
        String anyElement(Ref ref, java.util.function.Function<String, String> element, String alias) {
            String value = "r.doc #> " + path(ref);
            return "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(" + value + ") = 'array' THEN "
                    + value + " ELSE '[]'::jsonb END) WITH ORDINALITY AS " + alias + "(v, o) WHERE "
                    + element.apply(alias + ".o - 1") + ")";
        }

        @Override
        public String sortKey(FieldPath path) {
            // a JSON null sorts with the missing values (last), as on SQLite
            return "NULLIF(r.doc #> " + path(Ref.of(path)) + ", 'null'::jsonb)";
        }

        @Override
        public String migrations() {
            return "classpath:dev/agentconnector/contextstore/db/postgresql";
        }

        @Override
        public String groupKey(FieldPath path, String bucket) {
            String p = path(Ref.of(path));
            if (bucket == null) {
                return "(r.doc #> " + p + ")::text";
            }
            String date = "(CASE WHEN jsonb_typeof(r.doc #> " + p + ") = 'string' AND (r.doc #>> " + p + ") ~ "
                    + "'^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN substr(r.doc #>> " + p + ", 1, 10)::date END)";
            String b = switch (bucket) {
                case "day" -> "to_char(" + date + ", 'YYYY-MM-DD')";
                case "week" -> "to_char(date_trunc('week', " + date + "), 'YYYY-MM-DD')";
                default -> "to_char(" + date + ", 'YYYY-MM')";
            };
            return "to_jsonb(" + b + ")::text";
        }

        @Override
        public String metric(String fn, FieldPath path) {
            if (fn.equals("count")) {
                return "COUNT(*)";
            }
            String p = path(Ref.of(path));
            String f = fn.toUpperCase(java.util.Locale.ROOT);
            if (fn.equals("min") || fn.equals("max")) {
                // numbers when the field holds any, else text (dates)
                return "COALESCE(to_jsonb(" + f + "(" + typed("r.doc", Ref.of(path), "number", "::numeric") + ")), "
                        + "to_jsonb(" + f + "(" + typed("r.doc", Ref.of(path), "string", "") + " COLLATE \"C\")))::text";
            }
            return "(" + fn.toUpperCase(java.util.Locale.ROOT) + "(" + typed("r.doc", Ref.of(path), "number",
                    "::numeric") + "))::text";
        }
    }
}
