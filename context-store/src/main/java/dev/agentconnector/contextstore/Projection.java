package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Keeps the requested fields of a record ({@code gid} always); arrays on the way are projected element by element. */
final class Projection {
    private Projection() {
    }

    static JsonNode apply(JsonNode record, List<FieldPath> fields) {
        if (fields.isEmpty() || !record.isObject()) {
            return record;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (record.has("gid")) {
            out.set("gid", record.get("gid"));
        }
        for (FieldPath f : fields) {
            copy(record, out, f.segments(), 0);
        }
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> path, int i) {
        String name = path.get(i);
        JsonNode value = from.get(name);
        if (value == null) {
            return;
        }
        if (i == path.size() - 1 || value.isNull() || value.isValueNode()) {
            to.set(name, value);
            return;
        }
        if (value.isArray()) {
            ArrayNode target = to.get(name) instanceof ArrayNode a ? a : to.putArray(name);
            for (int k = 0; k < value.size(); k++) {
                JsonNode element = value.get(k);
                if (!element.isObject()) {
                    continue;
                }
                while (target.size() <= k) {
                    target.addObject();
                }
                copy(element, (ObjectNode) target.get(k), path, i + 1);
            }
            return;
        }
        ObjectNode target = to.get(name) instanceof ObjectNode o ? o : to.putObject(name);
        copy(value, target, path, i + 1);
    }
}
