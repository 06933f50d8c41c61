package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Failure envelopes made here rather than by the connector, in the connector's shape. */
final class Envelopes {
    private Envelopes() {
    }

    /** {@code {"success": false, "data": null, "meta": {"error_type": type}, "error": message}}. */
    static ObjectNode failure(String errorType, String message) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("success", false);
        o.putNull("data");
        o.putObject("meta").put("error_type", errorType);
        o.put("error", message);
        return o;
    }
}
