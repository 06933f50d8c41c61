package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.exec.Suggestions;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code asana-agent describe [ENTITY]}: the entities, actions and params, with their descriptions. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "List entities and actions; with ENTITY, its actions and every param with type, "
                + "whether it is required, allowed values and meaning.")
final class DescribeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ENTITY", description = "Entity to describe in detail")
    String entity;

    @Option(names = "--json", description = "Print as JSON")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        ConnectorSpec spec = AsanaSpec.get();
        Collection<EntitySpec> entities;
        if (entity == null) {
            entities = spec.entities().values();
        } else {
            EntitySpec e = spec.entities().get(entity);
            if (e == null) {
                throw new IllegalArgumentException("unknown entity '" + entity + "'"
                        + Suggestions.didYouMean(entity, spec.entities().keySet()) + "; valid entities: "
                        + String.join(", ", spec.entities().keySet()));
            }
            entities = List.of(e);
        }
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(entities, entity != null)));
        } else if (entity == null) {
            for (EntitySpec e : entities) {
                out.printf("%-22s %-28s %s%n", e.name(), String.join(",", e.actions().keySet()), e.description());
            }
            out.println();
            out.println("Details: asana-agent describe ENTITY");
        } else {
            EntitySpec e = entities.iterator().next();
            out.println(e.name() + ": " + e.description());
            for (OperationSpec op : e.actions().values()) {
                out.println();
                out.println("  " + op.action() + "  (" + op.method() + " " + op.path() + ")  " + op.description());
                for (ParamSpec p : op.params().values()) {
                    describeParam(out, "    ", p.name(), p);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void describeParam(PrintWriter out, String indent, String name, ParamSpec p) {
        StringBuilder line = new StringBuilder(indent).append(name).append(p.required() ? "*" : "")
                .append("  ").append(p.typeLabel());
        if (!p.enumValues().isEmpty()) {
            line.append(" [").append(String.join("|", p.enumValues())).append(']');
        }
        line.append("  ").append(p.location().label());
        if (p.description() != null) {
            line.append(" — ").append(p.description());
        }
        out.println(line);
        for (ParamSpec child : p.properties().values()) {
            describeParam(out, indent + "  ", name + "." + child.name(), child);
        }
    }

    private static ObjectNode toJson(Collection<EntitySpec> entities, boolean detailed) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode list = root.putArray("entities");
        for (EntitySpec e : entities) {
            ObjectNode en = list.addObject().put("name", e.name()).put("description", e.description());
            ArrayNode actions = en.putArray("actions");
            for (OperationSpec op : e.actions().values()) {
                ObjectNode a = actions.addObject().put("name", op.action()).put("description", op.description());
                if (detailed) {
                    a.put("method", op.method()).put("path", op.path());
                    ArrayNode params = a.putArray("params");
                    op.params().values().forEach(p -> params.add(paramJson(m, p)));
                }
            }
        }
        return root;
    }

    private static ObjectNode paramJson(ObjectMapper m, ParamSpec p) {
        ObjectNode o = m.createObjectNode().put("name", p.name()).put("type", p.typeLabel())
                .put("in", p.location().label()).put("required", p.required());
        if (!p.enumValues().isEmpty()) {
            o.set("enum", m.valueToTree(p.enumValues()));
        }
        o.put("description", p.description());
        if (!p.properties().isEmpty()) {
            ArrayNode props = o.putArray("properties");
            p.properties().values().forEach(c -> props.add(paramJson(m, c)));
        }
        return o;
    }
}
