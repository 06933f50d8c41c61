package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.runtime.exec.Suggestions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks the search and aggregate params share: known names, {@code limit}, sort keys. */
final class Params {
    private Params() {
    }

    /** Refuses a param not in {@code known}, naming a near one; {@code what} is "a search" or "an aggregate". */
    static void onlyKnown(JsonNode params, List<String> known, String what) {
        params.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new QueryException(name, "unknown param '" + FieldPath.clip(name) + "'"
                        + Suggestions.didYouMean(name, known) + ": " + what + " takes " + String.join(", ", known));
            }
        });
    }

    /** {@code limit}: {@code fallback} when absent, else a whole number from 1 to {@code max}. */
    static int limit(JsonNode params, int fallback, int max) {
        JsonNode l = params.get("limit");
        if (l == null || l.isNull()) {
            return fallback;
        }
        if (!l.canConvertToExactIntegral() || l.asLong() < 1 || l.asLong() > max) {
            throw new QueryException("limit", "limit must be a whole number from 1 to " + max);
        }
        return l.asInt();
    }

    /** Sort keys {@code [{name: "asc" | "desc"}]} as (name, descending) pairs, in order; empty when absent. */
    static List<Map.Entry<String, Boolean>> sortKeys(JsonNode s, String where) {
        List<Map.Entry<String, Boolean>> out = new ArrayList<>();
        if (s == null || s.isNull()) {
            return out;
        }
        if (!s.isArray()) {
            throw new QueryException(where, where + " is a list such as [{\"due_on\": \"asc\"}]");
        }
        for (JsonNode key : s) {
            if (!key.isObject() || key.size() != 1) {
                throw new QueryException(where, "each sort key is one {name: \"asc\" | \"desc\"}");
            }
            String name = key.fieldNames().next();
            String dir = key.get(name).asText("");
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw new QueryException(where, where + "." + FieldPath.clip(name)
                        + ": the direction is \"asc\" or \"desc\"");
            }
            out.add(Map.entry(name, dir.equals("desc")));
        }
        return out;
    }
}
