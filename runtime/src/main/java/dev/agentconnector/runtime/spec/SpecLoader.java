package dev.agentconnector.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Reads a connector spec from YAML and checks it eagerly: unknown keys, unknown types, path placeholders without
 * a path parameter, references to missing schemas and missing descriptions all fail at load time with the location
 * named, so a broken spec never reaches a call.
 *
 * <p>Parsing YAML is the slow part of loading a spec in a fresh JVM, so a build can store the parsed YAML as JSON
 * beside it ({@link #main}: {@code asana.yaml} gets {@code asana.yaml.json}, stamped with the YAML's length and
 * CRC-32). {@link #fromResource} reads that JSON instead of the YAML when its stamp matches the YAML resource, and
 * checks the tree read either way with the same rules; a missing or stale JSON form only costs the YAML parse.
 */
public final class SpecLoader {
    /** The suffix of the JSON form of a YAML spec resource. */
    public static final String JSON_SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private static final Set<String> ROOT_KEYS = Set.of("connector", "title", "version", "base_url", "token_url",
            "fields_param", "records_field", "next_page_field", "schemas", "entities");
    private static final Set<String> ENTITY_KEYS = Set.of("description", "actions");
    private static final Set<String> ACTION_KEYS = Set.of("description", "method", "path", "params", "pagination",
            "default_fields", "returns", "returns_list", "requires_one_of", "download_url_field", "meta_fields");
    private static final Set<String> PARAM_KEYS = Set.of("in", "wire_name", "type", "required", "nullable", "enum",
            "minimum", "maximum", "max_length", "format", "description", "example", "items", "properties");
    private static final Set<String> SCHEMA_KEYS = Set.of("description", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("type", "schema", "items", "nullable", "format",
            "description");

    private SpecLoader() {
    }

    /** Loads a spec from a classpath resource, from its JSON form when that is there and up to date. */
    public static ConnectorSpec fromResource(Class<?> anchor, String resource) {
        byte[] yaml;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SpecException("spec resource not found: " + resource);
            }
            yaml = in.readAllBytes();
        } catch (IOException e) {
            throw new SpecException("cannot read spec " + resource + ": " + e.getMessage(), e);
        }
        JsonNode root = storedTree(anchor, resource, yaml);
        return read(root != null ? root : yamlTree(yaml, resource), resource);
    }

    /** Loads a spec from a YAML stream; {@code source} names it in messages. */
    public static ConnectorSpec fromStream(InputStream in, String source) {
        try {
            return read(yamlTree(in.readAllBytes(), source), source);
        } catch (IOException e) {
            throw new SpecException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The tree of a YAML spec, exactly as it is checked by the loader (and stored by {@link #main}). */
    public static JsonNode yamlTree(byte[] yaml, String source) {
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(yaml);
        } catch (IOException e) {
            throw new SpecException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(source + ": expected a mapping at the top level");
        }
        return root;
    }

    /**
     * The tree stored in the JSON form of {@code resource}, or null when there is none or it was made from other
     * YAML than {@code yaml}.
     */
    public static JsonNode storedTree(Class<?> anchor, String resource, byte[] yaml) {
        try (InputStream in = anchor.getResourceAsStream(resource + JSON_SUFFIX)) {
            return in == null ? null : storedTree(in, yaml);
        } catch (IOException e) {
            return null;
        }
    }

    /** The tree in a JSON form (as {@link #main} writes it), or null when it was made from other YAML than this. */
    static JsonNode storedTree(InputStream json, byte[] yaml) {
        try {
            JsonNode stored = JSON.readTree(json);
            JsonNode tree = stored == null ? null : stored.get("spec");
            if (tree == null || !tree.isObject() || !stamp(yaml).equals(stored.get("source"))) {
                return null;
            }
            return tree;
        } catch (IOException e) {
            return null;
        }
    }

    /** Identifies the YAML a JSON form was made from: its length and CRC-32. */
    private static ObjectNode stamp(byte[] yaml) {
        CRC32 crc = new CRC32();
        crc.update(yaml);
        return JSON.createObjectNode().put("length", yaml.length).put("crc32", Long.toHexString(crc.getValue()));
    }

    /**
     * Build step: checks each YAML spec file given and writes its JSON form beside it ({@code NAME.yaml.json});
     * exits non-zero naming the problem when a spec does not pass the checks.
     */
    public static void main(String[] args) {
        for (String arg : args) {
            Path file = Path.of(arg);
            try {
                byte[] yaml = Files.readAllBytes(file);
                JsonNode tree = yamlTree(yaml, file.getFileName().toString());
                read(tree, file.getFileName().toString());
                ObjectNode stored = JSON.createObjectNode();
                stored.set("source", stamp(yaml));
                stored.set("spec", tree);
                Files.write(Path.of(arg + JSON_SUFFIX), JSON.writeValueAsBytes(stored));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot convert " + file, e);
            }
        }
    }

    private static ConnectorSpec read(JsonNode root, String source) {
        return new SpecLoader.Reader(source).read(root);
    }

    /** The YAML parser, set up only when YAML has to be parsed. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }

    /** Holds the source name while one spec is read. */
    static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ConnectorSpec read(JsonNode root) {
            checkKeys(root, ROOT_KEYS, "top level");
            String name = text(root, "connector", "top level", true);
            String title = text(root, "title", "top level", false);
            Map<String, RecordSchema> schemas = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(root.path("schemas"))) {
                schemas.put(e.getKey(), schema(e.getKey(), e.getValue()));
            }
            for (RecordSchema s : schemas.values()) {
                for (FieldSpec f : s.fields().values()) {
                    if (f.schema() != null && !schemas.containsKey(f.schema())) {
                        fail("schema " + s.name() + ": field '" + f.name() + "' refers to unknown schema '"
                                + f.schema() + "'");
                    }
                }
            }
            Map<String, EntitySpec> entities = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(root.path("entities"))) {
                entities.put(e.getKey(), entity(e.getKey(), e.getValue(), schemas));
            }
            if (entities.isEmpty()) {
                fail("no entities");
            }
            return new ConnectorSpec(name, text(root, "version", "top level", true),
                    stripTrailingSlash(text(root, "base_url", "top level", true)),
                    text(root, "token_url", "top level", false),
                    text(root, "fields_param", "top level", false),
                    root.path("records_field").asText("data"),
                    text(root, "next_page_field", "top level", false),
                    entities, schemas, title == null ? name : title);
        }

        private RecordSchema schema(String name, JsonNode node) {
            String where = "schema " + name;
            checkKeys(node, SCHEMA_KEYS, where);
            Map<String, FieldSpec> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node.path("fields"))) {
                fields.put(e.getKey(), field(where, e.getKey(), e.getValue()));
            }
            if (fields.isEmpty()) {
                fail(where + ": no fields");
            }
            return new RecordSchema(name, text(node, "description", where, true), fields);
        }

        private FieldSpec field(String owner, String name, JsonNode node) {
            String where = owner + ": field '" + name + "'";
            checkKeys(node, FIELD_KEYS, where);
            ParamType type = type(node, where);
            ParamType itemType = null;
            if (node.has("items")) {
                itemType = ParamType.parse(node.get("items").asText());
                if (itemType == null) {
                    fail(where + ": unknown items type '" + node.get("items").asText() + "'");
                }
            }
            return new FieldSpec(name, type, text(node, "schema", where, false), itemType,
                    node.path("nullable").asBoolean(false), text(node, "format", where, false),
                    text(node, "description", where, false));
        }

        private EntitySpec entity(String name, JsonNode node, Map<String, RecordSchema> schemas) {
            String where = "entity " + name;
            checkKeys(node, ENTITY_KEYS, where);
            Map<String, OperationSpec> actions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node.path("actions"))) {
                actions.put(e.getKey(), operation(name, e.getKey(), e.getValue(), schemas));
            }
            if (actions.isEmpty()) {
                fail(where + ": no actions");
            }
            return new EntitySpec(name, text(node, "description", where, true), actions);
        }

        private OperationSpec operation(String entity, String action, JsonNode node, Map<String, RecordSchema> schemas) {
            String where = entity + "." + action;
            checkKeys(node, ACTION_KEYS, where);
            String method = text(node, "method", where, true).toUpperCase(java.util.Locale.ROOT);
            if (!METHODS.contains(method)) {
                fail(where + ": unknown method '" + method + "'");
            }
            String path = text(node, "path", where, true);
            if (!path.startsWith("/")) {
                fail(where + ": path must start with '/'");
            }
            Map<String, ParamSpec> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node.path("params"))) {
                params.put(e.getKey(), param(where + ": param '" + e.getKey() + "'", e.getKey(), e.getValue(), null));
            }
            Pagination pagination = Pagination.NONE;
            if (node.has("pagination")) {
                String p = node.get("pagination").asText();
                if ("offset".equals(p)) {
                    pagination = Pagination.OFFSET;
                } else if (!"none".equals(p)) {
                    fail(where + ": unknown pagination '" + p + "' (offset or none)");
                }
            }
            requireList(node, "default_fields", where);
            requireList(node, "requires_one_of", where);
            requireList(node, "meta_fields", where);
            List<String> metaFields = new ArrayList<>();
            for (JsonNode f : node.path("meta_fields")) {
                if (!f.isTextual() || f.asText().isBlank()) {
                    fail(where + ": meta_fields must be a list of response field names");
                }
                metaFields.add(f.asText());
            }
            List<String> defaultFields = new ArrayList<>();
            boolean selectable = node.has("default_fields");
            for (JsonNode f : node.path("default_fields")) {
                defaultFields.add(f.asText());
            }
            String downloadUrlField = text(node, "download_url_field", where, false);
            addStandardParams(params, pagination, selectable);
            checkPathParams(where, path, params);
            String returns = text(node, "returns", where, false);
            if (returns != null && !schemas.containsKey(returns)) {
                fail(where + ": returns unknown schema '" + returns + "'");
            }
            boolean returnsList = node.has("returns_list") ? node.get("returns_list").asBoolean()
                    : pagination != Pagination.NONE || "list".equals(action);
            List<List<String>> oneOf = new ArrayList<>();
            for (JsonNode group : node.path("requires_one_of")) {
                List<String> names = new ArrayList<>();
                if (!group.isArray()) {
                fail(where + ": requires_one_of must be a list of lists of param names");
            }
            for (JsonNode n : group) {
                    if (!params.containsKey(n.asText()) && !isNestedProperty(params, n.asText())) {
                        fail(where + ": requires_one_of names unknown param '" + n.asText() + "'");
                    }
                    names.add(n.asText());
                }
                oneOf.add(names);
            }
            return new OperationSpec(entity, action, text(node, "description", where, true), method, path, params,
                    pagination, defaultFields, returns, returnsList, oneOf, downloadUrlField, metaFields);
        }

        /** True for {@code param.property} naming a property of an object param (e.g. {@code data.text}). */
        private static boolean isNestedProperty(Map<String, ParamSpec> params, String name) {
            int dot = name.indexOf('.');
            ParamSpec parent = dot > 0 ? params.get(name.substring(0, dot)) : null;
            return parent != null && parent.properties().containsKey(name.substring(dot + 1));
        }

        private void addStandardParams(Map<String, ParamSpec> params, Pagination pagination, boolean selectable) {
            if (selectable) {
                params.putIfAbsent(StandardParams.FIELDS, new ParamSpec(StandardParams.FIELDS, ParamLocation.QUERY,
                        "opt_fields", ParamType.ARRAY, false, false, null, null, null, null, null,
                        "Fields to return (dotted for nested, e.g. assignee.name); replaces the defaults",
                        List.of("name", "assignee.name"), stringItem(), null));
            }
            if (pagination == Pagination.OFFSET) {
                params.putIfAbsent(StandardParams.LIMIT, new ParamSpec(StandardParams.LIMIT, ParamLocation.QUERY, null,
                        ParamType.INTEGER, false, false, null, BigDecimal.ONE, BigDecimal.valueOf(100), null, null,
                        "Records per page, 1-100", 20, null, null));
                params.putIfAbsent(StandardParams.OFFSET, new ParamSpec(StandardParams.OFFSET, ParamLocation.QUERY,
                        null, ParamType.STRING, false, false, null, null, null, null, null,
                        "Page token: meta.next_page.offset of the previous page", null, null, null));
                params.putIfAbsent(StandardParams.FETCH_ALL, new ParamSpec(StandardParams.FETCH_ALL,
                        ParamLocation.CLIENT, null, ParamType.BOOLEAN, false, false, null, null, null, null, null,
                        "Follow next_page and return all records, up to max_records", true, null, null));
                params.putIfAbsent(StandardParams.MAX_RECORDS, new ParamSpec(StandardParams.MAX_RECORDS,
                        ParamLocation.CLIENT, null, ParamType.INTEGER, false, false, null, BigDecimal.ONE,
                        BigDecimal.valueOf(StandardParams.MAX_MAX_RECORDS), null, null,
                        "Record cap for fetch_all (default " + StandardParams.DEFAULT_MAX_RECORDS + ")", 500,
                        null, null));
            }
        }

        private static ParamSpec stringItem() {
            return new ParamSpec("item", ParamLocation.QUERY, null, ParamType.STRING, false, false, null, null,
                    null, null, null, null, null, null, null);
        }

        private void checkPathParams(String where, String path, Map<String, ParamSpec> params) {
            Matcher m = PLACEHOLDER.matcher(path);
            List<String> placeholders = new ArrayList<>();
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            for (String p : placeholders) {
                ParamSpec spec = params.get(p);
                if (spec == null || spec.location() != ParamLocation.PATH) {
                    fail(where + ": path placeholder {" + p + "} has no 'in: path' param");
                }
                if (!spec.required()) {
                    fail(where + ": path param '" + p + "' must be required");
                }
            }
            for (ParamSpec spec : params.values()) {
                if (spec.location() == ParamLocation.PATH && !placeholders.contains(spec.name())) {
                    fail(where + ": path param '" + spec.name() + "' does not appear in " + path);
                }
            }
        }

        private ParamSpec param(String where, String name, JsonNode node, ParamLocation inherited) {
            checkKeys(node, PARAM_KEYS, where);
            ParamLocation location = inherited;
            if (inherited == null) {
                location = ParamLocation.parse(text(node, "in", where, true));
                if (location == null) {
                    fail(where + ": 'in' must be one of path, query, body, header, client");
                }
            } else if (node.has("in")) {
                fail(where + ": nested properties take their parent's location; remove 'in'");
            }
            ParamType type = type(node, where);
            requireList(node, "enum", where);
            List<String> enums = new ArrayList<>();
            for (JsonNode v : node.path("enum")) {
                enums.add(v.asText());
            }
            if (!enums.isEmpty() && type != ParamType.STRING) {
                fail(where + ": enum is only supported on strings");
            }
            ParamSpec items = null;
            if (type == ParamType.ARRAY) {
                if (!node.has("items")) {
                    fail(where + ": arrays need 'items'");
                }
                items = param(where + " items", "item", node.get("items"), location);
            }
            Map<String, ParamSpec> properties = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node.path("properties"))) {
                properties.put(e.getKey(), param(where + "." + e.getKey(), e.getKey(), e.getValue(), location));
            }
            if (!properties.isEmpty() && type != ParamType.OBJECT) {
                fail(where + ": properties are only allowed on objects");
            }
            boolean isItem = "item".equals(name) && where.endsWith(" items");
            String description = text(node, "description", where, !isItem);
            return new ParamSpec(name, location, text(node, "wire_name", where, false), type,
                    node.path("required").asBoolean(false), node.path("nullable").asBoolean(false), enums,
                    decimal(node, "minimum"), decimal(node, "maximum"),
                    node.has("max_length") ? node.get("max_length").asInt() : null,
                    text(node, "format", where, false), description,
                    node.has("example") ? JSON.convertValue(node.get("example"), Object.class) : null,
                    items, properties);
        }

        private ParamType type(JsonNode node, String where) {
            String t = text(node, "type", where, true);
            ParamType type = ParamType.parse(t);
            if (type == null) {
                fail(where + ": unknown type '" + t + "' (string, integer, number, boolean, object, array)");
            }
            return type;
        }

        private static BigDecimal decimal(JsonNode node, String key) {
            return node.has(key) ? node.get(key).decimalValue() : null;
        }

        private String text(JsonNode node, String key, String where, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                if (required) {
                    fail(where + ": '" + key + "' is required");
                }
                return null;
            }
            if (!v.isValueNode()) {
                fail(where + ": '" + key + "' must be a scalar");
            }
            return v.asText();
        }

        /** YAML aliases and scalars where a list belongs would otherwise read as an empty list. */
        private void requireList(JsonNode node, String key, String where) {
            if (node.has(key) && !node.get(key).isArray()) {
                fail(where + ": '" + key + "' must be a list");
            }
        }

        private void checkKeys(JsonNode node, Set<String> allowed, String where) {
            if (!node.isObject()) {
                fail(where + ": expected a mapping");
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!allowed.contains(n)) {
                    fail(where + ": unknown key '" + n + "'"
                            + dev.agentconnector.runtime.exec.Suggestions.didYouMean(n, allowed));
                }
            }
        }

        private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
            List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
            node.fields().forEachRemaining(list::add);
            return list;
        }

        private void fail(String message) {
            throw new SpecException(source + ": " + message);
        }

        private static String stripTrailingSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
