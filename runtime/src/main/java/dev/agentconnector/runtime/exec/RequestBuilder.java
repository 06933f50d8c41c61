package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.StandardParams;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Turns an operation and its validated params into an HTTP request: encoded path, query, headers and JSON body. */
final class RequestBuilder {
    private final ConnectorSpec spec;
    private final String baseUrl;
    private final String userAgent;
    private final ObjectMapper mapper;
    /** The encoded default field list of each operation, computed once (read-only afterwards). */
    private final Map<OperationSpec, String> defaultFields = new java.util.IdentityHashMap<>();

    RequestBuilder(ConnectorSpec spec, String baseUrl, String userAgent, ObjectMapper mapper) {
        this.spec = spec;
        this.baseUrl = baseUrl;
        this.userAgent = userAgent;
        this.mapper = mapper;
        spec.entities().values().forEach(e -> e.actions().values().forEach(op ->
                defaultFields.put(op, enc(String.join(",", op.defaultFields())))));
    }

    ApiRequest build(OperationSpec op, ObjectNode params) {
        StringBuilder url = new StringBuilder(baseUrl).append(expandPath(op, params));
        StringJoiner query = new StringJoiner("&");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", userAgent);
        ObjectNode body = null;
        for (ParamSpec p : op.params().values()) {
            JsonNode v = params.get(p.name());
            if (p.location() == ParamLocation.QUERY && p.name().equals(StandardParams.FIELDS)) {
                String fields = v != null ? enc(join(v)) : defaultFields.get(op);
                if (fields == null) {
                    fields = enc(String.join(",", op.defaultFields())); // an operation from another spec object
                }
                if (!fields.isEmpty()) {
                    query.add(enc(spec.fieldsParam() != null ? spec.fieldsParam() : p.wireName()) + "=" + fields);
                }
                continue;
            }
            if (v == null) {
                continue;
            }
            switch (p.location()) {
                case QUERY -> query.add(enc(p.wireName()) + "=" + enc(join(v)));
                case HEADER -> headers.put(p.wireName(), join(v));
                case BODY -> {
                    if (body == null) {
                        body = mapper.createObjectNode();
                    }
                    body.set(p.wireName(), v);
                }
                default -> {
                    // path params are already in the URL; client params steer the client only
                }
            }
        }
        if (query.length() > 0) {
            url.append('?').append(query);
        }
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            try {
                bytes = mapper.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new ValidationException(op.entity(), op.action(), null, "body cannot be encoded: " + e.getMessage());
            }
        }
        return new ApiRequest(op.qualifiedName(), op.method(), URI.create(url.toString()), headers, bytes, false);
    }

    private static String expandPath(OperationSpec op, ObjectNode params) {
        String path = op.path();
        for (ParamSpec p : op.params().values()) {
            if (p.location() == ParamLocation.PATH) {
                path = path.replace("{" + p.name() + "}", enc(params.get(p.name()).asText()));
            }
        }
        return path;
    }

    /** Scalars as text; arrays comma-joined (Asana's list syntax for opt_fields and the search filters). */
    private static String join(JsonNode v) {
        if (v.isArray()) {
            StringJoiner j = new StringJoiner(",");
            v.forEach(e -> j.add(e.asText()));
            return j.toString();
        }
        return v.asText();
    }

    /** Percent-encodes everything outside the unreserved set, so '/', '?', '#' and '%' in values stay data. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
