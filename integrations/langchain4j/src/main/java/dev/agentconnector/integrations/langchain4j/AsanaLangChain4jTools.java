package dev.agentconnector.integrations.langchain4j;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.integrations.common.AsanaTool;
import dev.langchain4j.agent.tool.ReturnBehavior;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;

import java.util.Map;
import java.util.Objects;

/**
 * The connector as a LangChain4j tool, {@code asana_execute(entity, action, params)}: its {@link ToolSpecification}
 * (description and parameters generated from the spec) and its {@link ToolExecutor}, ready for
 * {@code AiServices.builder(...).tools(map)} or {@code .toolProvider(provider)}.
 *
 * <pre>{@code
 * var tools = AsanaLangChain4jTools.of(connector);
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(tools.toolMap()).build();
 * }</pre>
 *
 * For read-only use, or another result budget, build the {@link AsanaTool} first:
 * {@code AsanaLangChain4jTools.of(AsanaTool.builder(connector).readOnly(true).build())}.
 */
public final class AsanaLangChain4jTools {
    private final AsanaTool tool;
    private final ToolSpecification specification;
    private final AsanaToolExecutor executor;
    private final AiServiceTool aiServiceTool;

    private AsanaLangChain4jTools(AsanaTool tool) {
        this.tool = tool;
        this.specification = ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .parameters(JsonSchemaElements.objectSchema(tool.inputSchema()))
                .build();
        this.executor = new AsanaToolExecutor(tool);
        this.aiServiceTool = AiServiceTool.builder().toolSpecification(specification).toolExecutor(executor)
                .returnBehavior(ReturnBehavior.TO_LLM).build();
    }

    /** The tool over {@code connector} with every action and the default result budget. */
    public static AsanaLangChain4jTools of(AsanaConnector connector) {
        return of(AsanaTool.of(connector));
    }

    /** The tool as configured in {@code tool} (read-only mode, result budget). */
    public static AsanaLangChain4jTools of(AsanaTool tool) {
        return new AsanaLangChain4jTools(Objects.requireNonNull(tool, "tool"));
    }

    /** What the model is shown: name {@code asana_execute}, the tool description and the parameters schema. */
    public ToolSpecification toolSpecification() {
        return specification;
    }

    /** What runs a call of the tool. */
    public AsanaToolExecutor toolExecutor() {
        return executor;
    }

    /** The specification and its executor, for {@code AiServices.tools(Map)}. */
    public Map<ToolSpecification, ToolExecutor> toolMap() {
        return Map.of(specification, executor);
    }

    /** The tool with its result going back to the model, for {@code AiServices.tools(List.of(...))}. */
    public AiServiceTool aiServiceTool() {
        return aiServiceTool;
    }

    /** A provider offering the tool on every request, for {@code AiServices.toolProvider(...)}. */
    public ToolProvider toolProvider() {
        ToolProviderResult result = ToolProviderResult.builder().add(aiServiceTool).build();
        return request -> result;
    }

    /** The framework-neutral tool underneath. */
    public AsanaTool tool() {
        return tool;
    }
}
