package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.ExecutionResult;

import java.time.Instant;
import java.util.List;

/**
 * The store's actions as results of the connector: {@code context_store_search} and {@code context_store_aggregate}
 * on the synced entities; a search's {@code meta} holds
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

    /**
     * Runs a store action on a scope (null params = none); bad params and an entity never synced come back as
     * failures, as validation errors of the action.
     */
    public static ExecutionResult run(ContextStore store, String scope, String entity, String action,
                                      JsonNode params) {
        if (!ENTITIES.contains(entity)) {
            return failure(entity, action, "the context store holds " + String.join(", ", ENTITIES) + ", not '"
                    + entity + "'");
        }
        JsonNode p = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
        try {
            Long syncedAt = store.syncedAt(scope, entity);
            if (syncedAt == null) {
                return failure(entity, action, "no " + entity + " have been synced into this store yet; run "
                        + "asana-agent sync (with the same --data-dir or --db) first");
            }
            ArrayNode data = JsonNodeFactory.instance.arrayNode();
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            if (SEARCH.equals(action)) {
                SearchResult r = store.search(scope, entity, SearchRequest.parse(p));
                r.data().forEach(data::add);
                meta.put("has_more", r.hasMore());
                meta.put("cursor", r.cursor());
                meta.put("took_ms", r.tookMs());
            } else {
                long start = System.nanoTime();
                store.aggregate(scope, entity, AggregateRequest.parse(p)).forEach(data::add);
                meta.put("took_ms", (System.nanoTime() - start) / 1_000_000);
            }
            meta.put("synced_at", Instant.ofEpochMilli(syncedAt).toString());
            return ExecutionResult.success(data, meta);
        } catch (QueryException e) {
            return failure(entity, action, e.getMessage());
        }
    }

    private static ExecutionResult failure(String entity, String action, String detail) {
        return ExecutionResult.failure(new ValidationException(entity, action, null, detail));
    }
}
