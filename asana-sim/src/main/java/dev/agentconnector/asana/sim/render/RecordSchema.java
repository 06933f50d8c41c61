package dev.agentconnector.asana.sim.render;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Describes how one kind of record is written as JSON: its fields, which of them form the compact and the full
 * default, and how nested records are written.
 *
 * @param <T> the Java type of the record
 */
public final class RecordSchema<T> {
    /** Writes one field's value (the field name has already been written). */
    @FunctionalInterface
    public interface ValueWriter<T> {
        /** Writes the value of the field for {@code record}, honouring {@code sub} for nested records. */
        void write(T record, JsonGenerator g, Selection sub, RenderContext ctx) throws IOException;
    }

    private static final class Field<T> {
        final ValueWriter<T> writer;
        final Selection inDefault;
        final Selection asLeaf;
        final Predicate<T> present;

        Field(ValueWriter<T> writer, Selection inDefault, Selection asLeaf, Predicate<T> present) {
            this.writer = writer;
            this.inDefault = inDefault;
            this.asLeaf = asLeaf;
            this.present = present;
        }
    }

    private final String resourceType;
    private final Function<T, String> gid;
    private final Map<String, Field<T>> fields;
    private final List<String> compact;
    private final List<String> full;

    private RecordSchema(Builder<T> b) {
        this.resourceType = b.resourceType;
        this.gid = b.gid;
        this.fields = b.fields;
        this.compact = b.compact;
        this.full = b.full;
    }

    /** Starts a schema for records with a gid and resource type. */
    public static <T> Builder<T> entity(String resourceType, Function<T, String> gid) {
        return new Builder<>(resourceType, gid);
    }

    /** Starts a schema for nested value objects that have neither gid nor resource type. */
    public static <T> Builder<T> value() {
        return new Builder<>(null, null);
    }

    /** Whether the schema knows the named field. */
    public boolean hasField(String name) {
        return fields.containsKey(name);
    }

    /** Writes {@code record} as a JSON object according to {@code sel}. */
    public void write(T record, JsonGenerator g, Selection sel, RenderContext ctx) throws IOException {
        g.writeStartObject();
        if (gid != null) {
            g.writeStringField("gid", gid.apply(record));
        }
        switch (sel.kind()) {
            case REF:
                if (resourceType != null) {
                    g.writeStringField("resource_type", resourceType);
                } else {
                    writeDefaults(record, g, full, ctx);
                }
                break;
            case COMPACT:
                writeDefaults(record, g, compact, ctx);
                break;
            case FULL:
                writeDefaults(record, g, full, ctx);
                break;
            default:
                for (Map.Entry<String, Selection> e : sel.children().entrySet()) {
                    Field<T> f = fields.get(e.getKey());
                    if (f == null || e.getKey().equals("gid") || !f.present.test(record)) {
                        continue;
                    }
                    g.writeFieldName(e.getKey());
                    f.writer.write(record, g, e.getValue().isLeaf() ? f.asLeaf : e.getValue(), ctx);
                }
        }
        g.writeEndObject();
    }

    private void writeDefaults(T record, JsonGenerator g, List<String> names, RenderContext ctx) throws IOException {
        for (String name : names) {
            Field<T> f = fields.get(name);
            if (!f.present.test(record)) {
                continue;
            }
            g.writeFieldName(name);
            f.writer.write(record, g, f.inDefault, ctx);
        }
    }

    /** Writes a JSON array of records with the given selection. */
    public void writeArray(Collection<? extends T> records, JsonGenerator g, Selection sel, RenderContext ctx)
            throws IOException {
        g.writeStartArray();
        for (T r : records) {
            write(r, g, sel, ctx);
        }
        g.writeEndArray();
    }

    /** Fluent builder of a {@link RecordSchema}. */
    public static final class Builder<T> {
        private final String resourceType;
        private final Function<T, String> gid;
        private final Map<String, Field<T>> fields = new LinkedHashMap<>();
        private final List<String> compact = new ArrayList<>();
        private final List<String> full = new ArrayList<>();

        private Builder(String resourceType, Function<T, String> gid) {
            this.resourceType = resourceType;
            this.gid = gid;
            if (resourceType != null) {
                fields.put("resource_type", new Field<>((r, g, s, c) -> g.writeString(resourceType), null, null, r -> true));
            }
        }

        /** Declares the compact default fields, in output order. */
        public Builder<T> compact(String... names) {
            compact.addAll(List.of(names));
            return this;
        }

        /** Declares the full default fields, in output order. */
        public Builder<T> full(String... names) {
            full.addAll(List.of(names));
            return this;
        }

        /** Adds a field with a custom writer. */
        public Builder<T> field(String name, ValueWriter<T> writer) {
            fields.put(name, new Field<>(writer, Selection.COMPACT, Selection.REF, r -> true));
            return this;
        }

        /** Adds a field written only when {@code present} holds for the record. */
        public Builder<T> optional(String name, Predicate<T> present, ValueWriter<T> writer) {
            fields.put(name, new Field<>(writer, Selection.COMPACT, Selection.REF, present));
            return this;
        }

        /** Adds a string field (null written as JSON null). */
        public Builder<T> string(String name, Function<T, String> value) {
            return field(name, (r, g, s, c) -> {
                String v = value.apply(r);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(v);
                }
            });
        }

        /** Adds a boolean field. */
        public Builder<T> bool(String name, Predicate<T> value) {
            return field(name, (r, g, s, c) -> g.writeBoolean(value.test(r)));
        }

        /** Adds an integer field. */
        public Builder<T> number(String name, Function<T, Long> value) {
            return field(name, (r, g, s, c) -> g.writeNumber(value.apply(r)));
        }

        /** Adds a date-time field (null written as JSON null). */
        public Builder<T> instant(String name, Function<T, Instant> value) {
            return field(name, (r, g, s, c) -> {
                Instant v = value.apply(r);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(Timestamps.format(v));
                }
            });
        }

        /** Adds a date field (null written as JSON null). */
        public Builder<T> date(String name, Function<T, LocalDate> value) {
            return field(name, (r, g, s, c) -> {
                LocalDate v = value.apply(r);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(Timestamps.format(v));
                }
            });
        }

        /** Adds a field whose value is always an empty JSON array. */
        public Builder<T> emptyArray(String name) {
            return field(name, (r, g, s, c) -> {
                g.writeStartArray();
                g.writeEndArray();
            });
        }

        /** Adds a field whose value is always JSON null. */
        public Builder<T> alwaysNull(String name) {
            return field(name, (r, g, s, c) -> g.writeNull());
        }

        /**
         * Adds a nested record field; {@code inDefault} is used inside the compact/full defaults and {@code asLeaf}
         * when opt_fields names the field without sub-fields.
         */
        public <V> Builder<T> ref(String name, Function<T, V> value, Supplier<RecordSchema<V>> schema,
                                  Selection inDefault, Selection asLeaf) {
            ValueWriter<T> w = (r, g, s, c) -> {
                V v = value.apply(r);
                if (v == null) {
                    g.writeNull();
                } else {
                    schema.get().write(v, g, s, c);
                }
            };
            fields.put(name, new Field<>(w, inDefault, asLeaf, r -> true));
            return this;
        }

        /** Adds a nested record field written compact by default and as a bare reference when named alone. */
        public <V> Builder<T> ref(String name, Function<T, V> value, Supplier<RecordSchema<V>> schema) {
            return ref(name, value, schema, Selection.COMPACT, Selection.REF);
        }

        /** Adds an array-of-records field (see {@link #ref(String, Function, Supplier, Selection, Selection)}). */
        public <V> Builder<T> refs(String name, Function<T, ? extends Collection<? extends V>> value,
                                   Supplier<RecordSchema<V>> schema, Selection inDefault, Selection asLeaf) {
            ValueWriter<T> w = (r, g, s, c) -> schema.get().writeArray(value.apply(r), g, s, c);
            fields.put(name, new Field<>(w, inDefault, asLeaf, r -> true));
            return this;
        }

        /** Adds an array-of-records field written compact by default and as bare references when named alone. */
        public <V> Builder<T> refs(String name, Function<T, ? extends Collection<? extends V>> value,
                                   Supplier<RecordSchema<V>> schema) {
            return refs(name, value, schema, Selection.COMPACT, Selection.REF);
        }

        /** Builds the schema; every default field must have been declared. */
        public RecordSchema<T> build() {
            for (String n : compact) {
                if (!fields.containsKey(n)) {
                    throw new IllegalStateException("unknown compact field " + n);
                }
            }
            for (String n : full) {
                if (!fields.containsKey(n)) {
                    throw new IllegalStateException("unknown full field " + n);
                }
            }
            return new RecordSchema<>(this);
        }
    }
}
