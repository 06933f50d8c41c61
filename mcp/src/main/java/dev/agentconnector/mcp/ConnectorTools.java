package dev.agentconnector.mcp;

import dev.agentconnector.runtime.exec.CallEvents;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.tool.ToolDescription;
import dev.agentconnector.runtime.tool.ToolSchemas;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools of a connector: {@code <connector>_execute} alone, or {@code <connector>_<entity>} per entity.
 * Names, descriptions and input schemas all come from the spec, joined by the actions the connector answers without
 * calling the API ({@link LocalActions}, such as the context store's search and aggregate), which are offered
 * beside the spec's: in the enums, the params and the descriptions. In read-only mode the write actions (and
 * entities left with none) are not offered at all.
 */
final class ConnectorTools {
    private ConnectorTools() {
    }

    /** The tool specifications for the options' mode, each calling through {@code calls}. */
    static List<SyncToolSpecification> of(ConnectorSpec spec, LocalActions local, McpServerOptions options,
                                          ToolCalls calls, Cancellations cancellations) {
        boolean readOnly = options.readOnly();
        if (options.tools() == ToolMode.SINGLE) {
            String title = spec.title() + (readOnly ? " (read-only)" : "");
            Tool tool = Tool.builder(executeToolName(spec), ToolSchemas.execute(spec, readOnly, local))
                    .title(title)
                    .description(ToolDescription.generate(spec, readOnly, local))
                    .outputSchema(envelopeSchema())
                    .annotations(annotations(title, readOnly, !readOnly))
                    .build();
            return List.of(SyncToolSpecification.builder().tool(tool)
                    .callHandler((exchange, request) -> cancellations.run(exchange.transportContext(),
                            () -> CallEvents.observe(ToolCalls.notifier(exchange), () -> calls.execute(
                                    request.arguments())), ToolCalls::cancelled)).build());
        }
        List<SyncToolSpecification> tools = new ArrayList<>();
        for (EntitySpec e : ToolDescription.visibleEntities(spec, readOnly, local)) {
            List<OperationSpec> ops = ToolDescription.visibleActions(e, readOnly);
            // nothing says what a local action that writes changes, so it counts as one that may change what exists
            boolean localWrites = ToolDescription.visibleLocalActions(spec, e.name(), local, readOnly).stream()
                    .anyMatch(a -> !a.readOnly());
            boolean writes = localWrites || ops.stream().anyMatch(OperationSpec::isWrite);
            boolean destroys = localWrites || ops.stream().anyMatch(ConnectorTools::changesExistingData);
            String title = spec.title() + " " + e.name().replace('_', ' ');
            Tool tool = Tool.builder(entityToolName(spec, e.name()), ToolSchemas.entity(spec, e.name(), readOnly,
                            local))
                    .title(title)
                    .description(ToolDescription.entitySummary(spec, e.name(), readOnly, local))
                    .outputSchema(envelopeSchema())
                    .annotations(annotations(title, !writes, destroys))
                    .build();
            String entity = e.name();
            tools.add(SyncToolSpecification.builder().tool(tool)
                    .callHandler((exchange, request) -> cancellations.run(exchange.transportContext(),
                            () -> CallEvents.observe(ToolCalls.notifier(exchange), () -> calls.executeEntity(entity,
                                    request.arguments())), ToolCalls::cancelled)).build());
        }
        return tools;
    }

    /**
     * Whether a write may change or remove what exists (MCP's destructive hint): updates and deletes, removals
     * ({@code .../removeTag}), and moves ({@code section_tasks.create} posts to {@code .../addTask}, which takes the
     * task out of its current section). Creating something new, or adding a tag or a member, is not.
     */
    static boolean changesExistingData(OperationSpec op) {
        if (!op.isWrite()) {
            return false;
        }
        String last = op.path().substring(op.path().lastIndexOf('/') + 1);
        return !"POST".equals(op.method()) || "delete".equals(op.action()) || last.startsWith("remove")
                || "addTask".equals(last);
    }

    /** {@code asana_execute} for the Asana spec. */
    static String executeToolName(ConnectorSpec spec) {
        return spec.name() + "_execute";
    }

    /** {@code asana_tasks} for the Asana spec's tasks. */
    static String entityToolName(ConnectorSpec spec, String entity) {
        return spec.name() + "_" + entity;
    }

    private static ToolAnnotations annotations(String title, boolean readOnly, boolean destructive) {
        return ToolAnnotations.builder().title(title).readOnlyHint(readOnly).destructiveHint(destructive)
                .idempotentHint(false).openWorldHint(true).build();
    }

    /** The result envelope every tool returns as structured content. */
    static Map<String, Object> envelopeSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("success", Map.of("type", "boolean"));
        properties.put("data", Map.of("description", "Array for lists, object otherwise, null on failure"));
        properties.put("meta", Map.of("type", List.of("object", "null"),
                "description", "next_page, error_type, result_cut"));
        properties.put("error", Map.of("type", List.of("string", "null")));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("success", "data", "meta", "error"));
        return schema;
    }
}
