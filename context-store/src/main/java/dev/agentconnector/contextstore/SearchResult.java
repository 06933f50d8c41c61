package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A page of search results.
 *
 * @param data    the records, projected to the requested fields
 * @param hasMore whether more records match
 * @param cursor  what to send as {@code cursor} for the next page, or null on the last
 * @param tookMs  time spent in the store
 */
public record SearchResult(List<JsonNode> data, boolean hasMore, String cursor, long tookMs) {
    public SearchResult {
        data = List.copyOf(data);
    }
}
