package dev.agentconnector.cli;

import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.AsanaToolDescription;
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
                + "carry).")
final class ToolDescriptionCommand implements Callable<Integer> {
    @Option(names = "--read-only", description = "Leave out create, update and delete")
    boolean readOnly;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this entity, with every param in full")
    String entity;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ConnectorSpec asana = AsanaSpec.get();
        String text;
        if (entity != null) {
            if (!asana.entities().containsKey(entity)) {
                throw new IllegalArgumentException("unknown entity '" + entity + "'"
                        + Suggestions.didYouMean(entity, asana.entities().keySet()) + "; valid entities: "
                        + String.join(", ", asana.entities().keySet()));
            }
            text = ToolDescription.forEntity(asana, entity, readOnly);
        } else {
            text = readOnly ? AsanaToolDescription.readOnly() : AsanaToolDescription.get();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }
}
