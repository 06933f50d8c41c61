package dev.agentconnector.cli;

import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.AsanaToolDescription;
import dev.agentconnector.contextstore.StoreActionDescriptions;
import dev.agentconnector.runtime.exec.Suggestions;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.tool.ToolDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code asana-agent tool-description}: prints the text a model reads to call the connector. */
@Command(name = "tool-description", mixinStandardHelpOptions = true,
        description = "Print the tool description generated from the spec: every entity, action and param, how "
                + "paging, fields, results and errors work, and example calls (the text MCP and framework tools "
                + "carry); --context-store adds the store's search and aggregate.")
final class ToolDescriptionCommand implements Callable<Integer> {
    @Option(names = "--read-only", description = "Leave out create, update and delete")
    boolean readOnly;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this entity, with every param in full")
    String entity;

    @Option(names = "--context-store", description = "As offered with a context store (mcp --data-dir or --db, and "
            + "the service's /mcp): with context_store_search and context_store_aggregate and their guide")
    boolean contextStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ConnectorSpec asana = AsanaSpec.get();
        String text;
        if (entity != null && contextStore) {
            throw new IllegalArgumentException("--context-store describes the whole connector; leave out --entity "
                    + "(or --context-store)");
        }
        if (entity != null) {
            if (!asana.entities().containsKey(entity)) {
                throw new IllegalArgumentException("unknown entity '" + entity + "'"
                        + Suggestions.didYouMean(entity, asana.entities().keySet()) + "; valid entities: "
                        + String.join(", ", asana.entities().keySet()));
            }
            text = ToolDescription.forEntity(asana, entity, readOnly);
        } else {
            text = contextStore ? AsanaToolDescription.of(StoreActionDescriptions.describing(), readOnly)
                    : readOnly ? AsanaToolDescription.readOnly() : AsanaToolDescription.get();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }
}
