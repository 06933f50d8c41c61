package dev.agentconnector.asana.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.render.Json;
import dev.agentconnector.asana.sim.render.RenderContext;
import dev.agentconnector.asana.sim.render.Selection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One authenticated API request as seen by a route handler. */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final QueryString query;
    private final String userGid;
    private final String origin;
    private final byte[] body;
    private final String contentType;
    private final RenderContext render;
    private String[] pathParams = new String[0];
    private boolean parsed;
    private ObjectNode data;
    private JsonNode options;
    private QueryString form;

    /** Creates a request; {@code path} is relative to {@code /api/1.0}. */
    public ApiRequest(String method, String path, QueryString query, String userGid, String origin, byte[] body,
                      String contentType, RenderContext render) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.userGid = userGid;
        this.origin = origin;
        this.body = body;
        this.contentType = contentType;
        this.render = render;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The path below {@code /api/1.0}, e.g. {@code /tasks/123}. */
    public String path() {
        return path;
    }

    /** The URL query parameters. */
    public QueryString query() {
        return query;
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return query.get(name);
    }

    /** The gid of the authenticated user. */
    public String userGid() {
        return userGid;
    }

    /** scheme://host:port the client used to reach the server. */
    public String origin() {
        return origin;
    }

    /** Rendering context for this request. */
    public RenderContext render() {
        return render;
    }

    /** Sets the values captured by the route's path placeholders. */
    void pathParams(String[] values) {
        this.pathParams = values;
    }

    /** The i-th path placeholder value. */
    public String pathParam(int i) {
        return pathParams[i];
    }

    /** Whether the output should be indented ({@code opt_pretty} in the URL or in the body options). */
    public boolean pretty() {
        if (query.has("opt_pretty")) {
            return truthy(query.get("opt_pretty"));
        }
        if (body.length == 0) {
            return false;
        }
        parseBody();
        if (options != null && options.has("pretty")) {
            return truthy(options.get("pretty").asText());
        }
        return form != null && form.has("opt_pretty") && truthy(form.get("opt_pretty"));
    }

    private static boolean truthy(String v) {
        return v == null || v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1");
    }

    /** The opt_fields selection (URL or body options), or the given default. */
    public Selection selection(Selection dflt) {
        String fields = query.get("opt_fields");
        if (fields == null && body.length > 0) {
            parseBody();
            if (options != null && options.has("fields")) {
                JsonNode f = options.get("fields");
                if (f.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    for (JsonNode x : f) {
                        if (sb.length() > 0) {
                            sb.append(',');
                        }
                        sb.append(x.asText());
                    }
                    fields = sb.toString();
                } else {
                    fields = f.asText();
                }
            } else if (form != null) {
                fields = form.get("opt_fields");
            }
        }
        Selection s = Selection.parse(fields);
        return s == null ? dflt : s;
    }

    /** The {@code data} object of a write body; throws a 400 when it is missing or the body is malformed. */
    public ObjectNode data() {
        parseBody();
        if (data == null) {
            throw ApiException.missing("data");
        }
        return data;
    }

    private void parseBody() {
        if (parsed) {
            return;
        }
        parsed = true;
        if (body.length == 0) {
            return;
        }
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            form = QueryString.parse(new String(body, StandardCharsets.UTF_8));
            ObjectNode d = Json.MAPPER.createObjectNode();
            for (String[] p : form.pairs()) {
                if (!p[0].startsWith("opt_")) {
                    d.put(p[0], p[1]);
                }
            }
            data = d;
            return;
        }
        if (ct.startsWith("multipart/")) {
            throw ApiException.badRequest("Multipart bodies are only accepted for attachment uploads");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Could not parse request data, invalid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("Could not parse request data, invalid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("Could not parse request data, invalid JSON");
        }
        options = root.get("options");
        JsonNode d = root.get("data");
        if (d != null && d.isObject()) {
            data = (ObjectNode) d;
        } else if (d != null && !d.isNull()) {
            throw ApiException.badRequest("data: Value is not an object");
        }
    }
}
