package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.Pagination;
import dev.agentconnector.runtime.tool.ToolDescription;
import dev.agentconnector.runtime.tool.ToolSchemas;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connector as one agent tool, {@code asana_execute(entity, action, params)}, independent of any framework: its
 * name, description and JSON Schema come from the spec, and {@link #call(String)} turns the arguments JSON a model
 * sends into one {@code execute} and its envelope into the text the model reads. Framework adapters only wrap this.
 *
 * <p>It behaves like the MCP server's tool: bad arguments, params the connector rejects, Asana's errors and
 * read-only refusals all come back as failure envelopes whose message says how to fix the call, never as
 * exceptions; a result longer than {@link #maxResultChars()} is cut with a note in {@code meta.result_cut}.
 * Thread-safe; it does not own (or close) the connector.
 *
 * <p>Actions the connector answers without calling Asana ({@link AsanaConnector#localActions()}, such as
 * {@code context_store_search} and {@code context_store_aggregate} when it has a context store) are offered too: in
 * the description, with their guide, and in the {@code action} enum.
 *
 * <pre>{@code
 * AsanaTool tool = AsanaTool.builder(connector).readOnly(true).build();
 * AsanaToolResult r = tool.call("{\"entity\": \"workspaces\", \"action\": \"list\"}");
 * }</pre>
 */
public final class AsanaTool {
    /** The default result budget: about 5,000 tokens, as the MCP server's. */
    public static final int DEFAULT_MAX_RESULT_CHARS = 20_000;
    /** The smallest budget accepted: room for an envelope, one small record and the note. */
    public static final int MIN_MAX_RESULT_CHARS = 1_000;

    private static final Logger LOG = Logger.getLogger(AsanaTool.class.getName());

    private final AsanaConnector connector;
    private final ConnectorSpec spec;
    private final boolean readOnly;
    private final int maxResultChars;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ResultBudget budget;
    private final String description;
    private final Map<String, Object> inputSchema;
    private final String inputSchemaJson;

    private AsanaTool(Builder b) {
        this.connector = b.connector;
        this.spec = b.connector.spec();
        this.readOnly = b.readOnly;
        this.maxResultChars = b.maxResultChars;
        this.budget = new ResultBudget(mapper, maxResultChars);
        this.description = connector.toolDescription(readOnly);
        this.inputSchema = ToolSchemas.execute(spec, readOnly, connector.localActions());
        try {
            this.inputSchemaJson = mapper.writeValueAsString(inputSchema);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tool over {@code connector} with every action and the default result budget. */
    public static AsanaTool of(AsanaConnector connector) {
        return builder(connector).build();
    }

    /** A builder over {@code connector}; the connector stays the caller's to close. */
    public static Builder builder(AsanaConnector connector) {
        return new Builder(connector);
    }

    /** The tool's name, {@code asana_execute}. */
    public String name() {
        return spec.name() + "_execute";
    }

    /**
     * What the model reads: every entity, action and param offered, how paging, fields and errors work, and the
     * actions answered without calling Asana with their guide (the connector's {@code toolDescription(readOnly)}).
     */
    public String description() {
        return description;
    }

    /** The input schema as plain maps: {@code entity} and {@code action} enums, a {@code params} object. */
    public Map<String, Object> inputSchema() {
        return inputSchema;
    }

    /** {@link #inputSchema()} as JSON text. */
    public String inputSchemaJson() {
        return inputSchemaJson;
    }

    /** Whether create, update and delete are hidden and refused. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Results longer than this many characters of JSON are cut to fit, with a note. */
    public int maxResultChars() {
        return maxResultChars;
    }

    /** Runs one call from the arguments JSON a model sent, e.g. {@code {"entity":"tasks","action":"get",...}}. */
    public AsanaToolResult call(String argumentsJson) {
        ToolArguments args;
        try {
            args = ToolArguments.parse(argumentsJson, mapper);
        } catch (ValidationException e) {
            return fit(ExecutionResult.failure(e).toJson());
        }
        return run(args);
    }

    /** Runs one call from arguments already parsed into a map ({@code entity}, {@code action}, {@code params}). */
    public AsanaToolResult call(Map<String, ?> arguments) {
        ToolArguments args;
        try {
            args = ToolArguments.of(arguments == null ? Map.of() : arguments, mapper);
        } catch (ValidationException e) {
            return fit(ExecutionResult.failure(e).toJson());
        }
        return run(args);
    }

    private AsanaToolResult run(ToolArguments args) {
        String entity = args.entity();
        String action = args.action();
        OperationSpec op = known(entity, action);
        if (op != null && op.isWrite() && readOnly) {
            return fit(refusal(op));
        }
        if (op == null && readOnly && localWrite(entity, action)) {
            return fit(Envelopes.failure("read_only", entity + "." + action + ": refused in read-only mode: this "
                    + "tool does not create, update or delete anything"));
        }
        try {
            ExecutionResult result = connector.execute(entity, action, args.params());
            if (result.success() && result.download().isPresent() && op != null) {
                return fit(FileResults.inline(op, result, budget, maxResultChars));
            }
            return fit(forAgents(result.toJson()), op);
        } catch (RuntimeException e) {
            // the connector reports its own failures in the envelope; anything else is a fault on this side
            LOG.log(Level.WARNING, "tool call " + entity + "." + action + " failed", e);
            return fit(Envelopes.failure("internal_error", entity + "." + action + ": the call failed inside the "
                    + "tool (" + e.getClass().getSimpleName() + "); it may be retried"));
        }
    }

    /** Whether the connector answers {@code entity.action} itself and it is not read-only. */
    private boolean localWrite(String entity, String action) {
        return connector.localActions().actions().stream().anyMatch(a -> a.entity().equals(entity)
                && a.action().equals(action) && !a.readOnly());
    }

    private OperationSpec known(String entity, String action) {
        EntitySpec e = entity == null ? null : spec.entities().get(entity);
        return e == null || action == null ? null : e.actions().get(action);
    }

    private ObjectNode refusal(OperationSpec op) {
        List<String> reads = new ArrayList<>(ToolDescription.visibleActions(spec.entities()
                .get(op.entity()), true).stream().map(OperationSpec::action).toList());
        ToolDescription.visibleLocalActions(spec, op.entity(), connector.localActions(), true)
                .forEach(a -> reads.add(a.action()));
        return Envelopes.failure("read_only", op.qualifiedName() + ": refused in read-only mode: this tool does not "
                + "create, update or delete anything" + (reads.isEmpty() ? "" : "; " + op.entity()
                + " offers here: " + String.join(", ", reads)));
    }

    /**
     * The envelope as a model reads it: {@code meta.next_page} holds only the {@code offset} to send back (its
     * {@code path} and {@code uri} repeat it and show the API's address; the Java API keeps all three).
     */
    private static ObjectNode forAgents(ObjectNode envelope) {
        JsonNode meta = envelope.get("meta");
        JsonNode next = meta == null ? null : meta.get("next_page");
        if (next instanceof ObjectNode page && page.has("offset") && page.size() > 1) {
            ObjectNode only = page.objectNode();
            only.set("offset", page.get("offset"));
            ((ObjectNode) meta).set("next_page", only);
        }
        return envelope;
    }

    /** How a model gets the records a cut list of this operation left out, when paging is not the way. */
    private static String narrowing(OperationSpec op) {
        if (op == null || op.pagination() != Pagination.NONE || !op.params().containsKey("created_at.before")) {
            return null;
        }
        return "This search has no next page (meta.next_page does not apply). To get the others, repeat it with "
                + "sort_by=created_at and created_at.before set to the created_at of the last record shown (add "
                + "created_at to fields), or sort_by=modified_at with modified_at.before likewise; fields with only "
                + "what you need fit more records.";
    }

    private AsanaToolResult fit(ObjectNode envelope, OperationSpec op) {
        ResultBudget.Fitted fitted = budget.fit(envelope, narrowing(op));
        boolean failed = !fitted.envelope().path("success").asBoolean(false)
                || (fitted.cut() && fitted.envelope().path("data").isNull());
        return new AsanaToolResult(fitted.json(), failed);
    }

    private AsanaToolResult fit(ObjectNode envelope) {
        ResultBudget.Fitted fitted = budget.fit(envelope);
        boolean failed = !fitted.envelope().path("success").asBoolean(false)
                || (fitted.cut() && fitted.envelope().path("data").isNull());
        return new AsanaToolResult(fitted.json(), failed);
    }

    @Override
    public String toString() {
        return "AsanaTool[" + name() + (readOnly ? ", read-only" : "") + ", maxResultChars=" + maxResultChars + "]";
    }

    /** Options of an {@link AsanaTool}; every one has a default. */
    public static final class Builder {
        private final AsanaConnector connector;
        private boolean readOnly;
        private int maxResultChars = DEFAULT_MAX_RESULT_CHARS;

        private Builder(AsanaConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
        }

        /** Hide create, update and delete from the description and schema, and refuse them (default false). */
        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        /** Cut results longer than this many characters (default {@link AsanaTool#DEFAULT_MAX_RESULT_CHARS}). */
        public Builder maxResultChars(int value) {
            if (value < MIN_MAX_RESULT_CHARS) {
                throw new IllegalArgumentException("max result chars must be at least " + MIN_MAX_RESULT_CHARS
                        + ", got " + value);
            }
            this.maxResultChars = value;
            return this;
        }

        /** The tool; builds its description and schema once, here. */
        public AsanaTool build() {
            return new AsanaTool(this);
        }
    }
}
