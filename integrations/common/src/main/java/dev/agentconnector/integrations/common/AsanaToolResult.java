package dev.agentconnector.integrations.common;

/**
 * What one call of the tool hands back to the model: the envelope {@code {"success", "data", "meta", "error"}} as
 * JSON text, and whether it reports a failure (frameworks that carry an error flag on tool results take it from here).
 *
 * @param json  the envelope as JSON text, within the tool's result budget
 * @param error true when the call failed (bad arguments, refused, rejected by the connector or by Asana), or when the
 *              result was too large to return any data
 */
public record AsanaToolResult(String json, boolean error) {
    /** The JSON text, so that a result can be handed on wherever a string is expected. */
    @Override
    public String toString() {
        return json;
    }
}
