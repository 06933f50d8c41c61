package dev.agentconnector.integrations.langchain4j;

import dev.agentconnector.integrations.common.AsanaTool;
import dev.agentconnector.integrations.common.AsanaToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;

import java.util.Objects;

/**
 * Runs an {@code asana_execute} call for LangChain4j: the request's arguments JSON goes to {@link AsanaTool#call},
 * and the envelope JSON comes back as the tool result. Failures (arguments that are not JSON, unknown names, bad
 * params, Asana's errors, read-only refusals) are results too, flagged as errors, with a message the model can act
 * on; nothing is thrown, so no LangChain4j error handler is needed. Thread-safe.
 */
public final class AsanaToolExecutor implements ToolExecutor {
    private final AsanaTool tool;

    /** An executor that runs calls through {@code tool}. */
    public AsanaToolExecutor(AsanaTool tool) {
        this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** The envelope JSON of the call; the memory id plays no part. */
    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return tool.call(request.arguments()).json();
    }

    /** The envelope JSON with {@code isError} set when the call failed. */
    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        AsanaToolResult result = tool.call(request.arguments());
        return ToolExecutionResult.builder().resultText(result.json()).isError(result.error()).build();
    }

    /** The tool this executor runs. */
    public AsanaTool tool() {
        return tool;
    }
}
