package dev.agentconnector.integrations.springai;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.integrations.common.AsanaTool;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import java.util.Objects;

/**
 * The connector as a Spring AI tool, {@code asana_execute(entity, action, params)}: the definition (description and
 * input schema generated from the spec) and a {@link #call(String)} that runs one {@code execute} and returns the
 * envelope JSON. Failures (arguments that are not JSON, unknown names, bad params, Asana's errors, read-only
 * refusals) come back as envelopes with {@code "success": false} and a message the model can act on, never as
 * exceptions. Thread-safe.
 *
 * <pre>{@code
 * String answer = ChatClient.create(chatModel).prompt("What is on my plate?")
 *         .tools(AsanaToolCallback.of(connector)).call().content();
 * }</pre>
 *
 * For read-only use, or another result budget, build the {@link AsanaTool} first:
 * {@code AsanaToolCallback.of(AsanaTool.builder(connector).readOnly(true).build())}.
 */
public final class AsanaToolCallback implements ToolCallback {
    private final AsanaTool tool;
    private final ToolDefinition definition;

    private AsanaToolCallback(AsanaTool tool) {
        this.tool = tool;
        this.definition = ToolDefinition.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(tool.inputSchemaJson())
                .build();
    }

    /** The tool over {@code connector} with every action and the default result budget. */
    public static AsanaToolCallback of(AsanaConnector connector) {
        return of(AsanaTool.of(connector));
    }

    /** The tool as configured in {@code tool} (read-only mode, result budget). */
    public static AsanaToolCallback of(AsanaTool tool) {
        return new AsanaToolCallback(Objects.requireNonNull(tool, "tool"));
    }

    /** Name {@code asana_execute}, the tool description, and the input schema as JSON. */
    @Override
    public ToolDefinition getToolDefinition() {
        return definition;
    }

    /** Runs the call the model asked for and returns the envelope JSON. */
    @Override
    public String call(String toolInput) {
        return tool.call(toolInput).json();
    }

    /** As {@link #call(String)}: the tool context plays no part (credentials live in the connector). */
    @Override
    public String call(String toolInput, ToolContext toolContext) {
        return call(toolInput);
    }

    /** The framework-neutral tool underneath. */
    public AsanaTool tool() {
        return tool;
    }

    @Override
    public String toString() {
        return "AsanaToolCallback[" + tool + "]";
    }
}
