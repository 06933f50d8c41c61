package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The store's actions as the connector's envelope: {@code context_store_search} and {@code context_store_aggregate}
 * on the synced entities answer {@code {success, data, meta, error}}; a search's {@code meta} holds
 * {@code has_more}, {@code cursor}, {@code took_ms} and {@code synced_at} (when the entity was last synced).
 */
public final class StoreActions {
    /** The entities a store holds. */
    public static final List<String> ENTITIES = List.of("tasks", "projects", "workspaces", "users", "teams",
            "attachments", "tags", "sections");
    /** Search. */
    public static final String SEARCH = "context_store_search";
    /** Aggregate. */
    public static final String AGGREGATE = "context_store_aggregate";

    private StoreActions() {
    }

    /** Whether the action is one of the store's. */
    public static boolean handles(String action) {
        return SEARCH.equals(action) || AGGREGATE.equals(action);
    }

    /** Runs a store action on a scope; bad params and an entity never synced come back as failures. */
    public static ObjectNode run(ContextStore store, String scope, String entity, String action, JsonNode params) {
        String op = entity + "." + action;
        if (!ENTITIES.contains(entity)) {
            return failure(op + ": the context store holds " + String.join(", ", ENTITIES) + ", not '" + entity
                    + "'");
        }
        try {
            Long syncedAt = store.syncedAt(scope, entity);
            if (syncedAt == null) {
                return failure(op + ": no " + entity + " have been synced into this store yet; run asana-agent sync "
                        + "(with the same --data-dir or --db) first");
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            if (SEARCH.equals(action)) {
                SearchResult r = store.search(scope, entity, SearchRequest.parse(params));
                ArrayNode data = out.putArray("data");
                r.data().forEach(data::add);
                meta.put("has_more", r.hasMore());
                meta.put("cursor", r.cursor());
                meta.put("took_ms", r.tookMs());
            } else {
                long start = System.nanoTime();
                ArrayNode data = out.putArray("data");
                store.aggregate(scope, entity, AggregateRequest.parse(params)).forEach(data::add);
                meta.put("took_ms", (System.nanoTime() - start) / 1_000_000);
            }
            meta.put("synced_at", Instant.ofEpochMilli(syncedAt).toString());
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.put("success", true);
            envelope.set("data", out.get("data"));
            envelope.set("meta", meta);
            envelope.putNull("error");
            return envelope;
        } catch (QueryException e) {
            return failure(op + ": " + e.getMessage());
        }
    }

    private static ObjectNode failure(String message) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("success", false);
        envelope.putNull("data");
        envelope.putObject("meta").put("error_type", "validation_error");
        envelope.put("error", message);
        return envelope;
    }
}
