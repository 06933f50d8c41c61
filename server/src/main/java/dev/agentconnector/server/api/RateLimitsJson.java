package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;
import dev.agentconnector.server.store.ConnectorRateLimits;

import java.util.List;

/**
 * A connector's {@code rate_limits}: {@code {requests_per_minute, max_concurrent_reads, max_concurrent_writes}},
 * each a whole number from 1 up to Asana's own limit for a token (1,500, 50 and 15: a higher client-side limit could
 * only draw 429s from Asana), or absent or null for the service's default.
 */
final class RateLimitsJson {
    static final String FIELD = "rate_limits";
    private static final String PER_MINUTE = "requests_per_minute";
    private static final String READS = "max_concurrent_reads";
    private static final String WRITES = "max_concurrent_writes";
    private static final List<String> FIELDS = List.of(PER_MINUTE, READS, WRITES);

    private RateLimitsJson() {
    }

    /**
     * The limits sent in {@code rate_limits}, or {@link ConnectorRateLimits#DEFAULTS} for JSON null.
     *
     * @throws ApiError 400 naming the field at fault
     */
    static ConnectorRateLimits parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return ConnectorRateLimits.DEFAULTS;
        }
        if (!node.isObject()) {
            throw ApiError.invalid("'" + FIELD + "' must be an object such as {\"" + PER_MINUTE + "\": 60}, got "
                    + Fields.kind(node)).field(FIELD);
        }
        try {
            Fields.of((ObjectNode) node, FIELD + ".", FIELDS);
        } catch (ApiError e) {
            throw e.field(FIELD);
        }
        return new ConnectorRateLimits(
                limit(node, PER_MINUTE, RateLimits.ASANA_DEFAULT.requestsPerMinute(), "requests a minute"),
                limit(node, READS, RateLimits.ASANA_DEFAULT.maxConcurrentReads(), "concurrent reads"),
                limit(node, WRITES, RateLimits.ASANA_DEFAULT.maxConcurrentWrites(), "concurrent writes"));
    }

    private static Integer limit(JsonNode obj, String name, int asanaLimit, String what) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        String field = FIELD + "." + name;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > asanaLimit) {
            String got = v.isIntegralNumber() && v.canConvertToLong() ? String.valueOf(v.longValue())
                    : v.isNumber() ? "a fraction or a number out of range" : Fields.kind(v);
            throw ApiError.invalid("'" + field + "' must be a whole number from 1 to " + asanaLimit + " (Asana's "
                    + "own limit of " + what + " for a token), got " + got + "; leave it out or send null for the "
                    + "service's default").field(field);
        }
        return v.intValue();
    }

    /** The connector's own limits; null for each the service's default applies to. */
    static ObjectNode of(ConnectorRateLimits limits) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        put(o, PER_MINUTE, limits.requestsPerMinute());
        put(o, READS, limits.maxConcurrentReads());
        put(o, WRITES, limits.maxConcurrentWrites());
        return o;
    }

    private static void put(ObjectNode o, String name, Integer value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value.intValue());
        }
    }
}
