package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.contextstore.StoreActions;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.RateLimitException;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.LocalExecutor;
import dev.agentconnector.runtime.hosted.HostedErrors;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.server.connectors.FieldFilter;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;
import dev.agentconnector.server.http.Request;
import dev.agentconnector.server.http.Response;
import dev.agentconnector.server.http.Router;
import dev.agentconnector.server.store.ConnectorRow;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs an operation on a stored connector with the same local engine as local mode. A successful run answers 200
 * with {@code status: "success"}; every failure answers non-2xx in the platform's {@code ApiErrorResponse} shape,
 * with the status and {@code error_code} of {@link HostedErrors} (params that fail validation answer 400 and
 * nothing is sent).
 */
final class ExecuteEndpoint {
    private static final List<String> FIELDS = List.of("entity", "action", "params", "select_fields",
            "exclude_fields", "skip_truncation", "intent");
    private static final int MAX_INTENT = 512;

    private final ServerContext ctx;
    private final ConnectorEndpoints connectors;

    ExecuteEndpoint(ServerContext ctx, ConnectorEndpoints connectors) {
        this.ctx = ctx;
        this.connectors = connectors;
    }

    void register(Router router) {
        router.add("POST", ConnectorEndpoints.BASE + "/{id}/execute", Router.Auth.BEARER, this::execute);
        router.add("POST", "/api/v1/connectors/sources/{id}/execute", Router.Auth.BEARER, this::execute);
    }

    private Response execute(Request r) {
        ConnectorRow row = connectors.visible(r);
        Fields f = Fields.of(r.jsonObject(), "", FIELDS);
        String entity = f.requiredString("entity");
        String action = f.requiredString("action");
        ObjectNode params = f.object("params");
        List<String> select = f.strings("select_fields");
        List<String> exclude = f.strings("exclude_fields");
        FieldFilter.validate("select_fields", select);
        FieldFilter.validate("exclude_fields", exclude);
        f.bool("skip_truncation", true); // accepted for compatibility; results are never truncated here
        String intent = f.string("intent");
        if (intent != null && intent.length() > MAX_INTENT) {
            throw ApiError.invalid("'intent' must be at most " + MAX_INTENT + " characters");
        }
        Supplier<ExecutionResult> call;
        if (StoreActions.handles(action)) {
            // the connector's synced records answer: no request to Asana
            call = () -> ctx.contextStore().run(row.id(), entity, action, params);
        } else {
            OperationSpec op;
            try {
                op = AsanaSpec.get().operation(entity, action);
            } catch (ValidationException e) {
                ctx.metrics().execute("unknown", "unknown", "validation_error", 0);
                throw ApiError.badRequest("validation_error", e.getMessage()).field(e.param());
            }
            if (op.isWrite() && r.principal().readOnly()) {
                ctx.metrics().execute(entity, action, "validation_error", 0);
                throw new ApiError(403, "read_only", entity + "." + action + " changes data, and this token is "
                        + "read-only; use a token issued without read_only");
            }
            if (op.isDownload()) {
                ctx.metrics().execute(entity, action, "validation_error", 0);
                throw ApiError.badRequest("unsupported_action", entity + "." + action + " streams file content, "
                        + "which the hosted API does not return; run it in local mode, or use " + entity
                        + ".get for the file's details");
            }
            LocalExecutor executor = ctx.executors().get(row);
            call = () -> executor.execute(entity, action, params);
        }
        long start = System.nanoTime();
        ExecutionResult result = call.get();
        long nanos = System.nanoTime() - start;
        ConnectorException failure = result.exception();
        if (failure != null) {
            ctx.metrics().execute(entity, action, failure instanceof ValidationException ? "validation_error"
                    : "error", nanos);
            if (!(failure instanceof ValidationException)) {
                ctx.metrics().asanaError(failure.errorType());
            }
            if (failure instanceof RateLimitException limited && limited.notSent()) {
                ctx.metrics().rateLimitRefusal();
            }
            ObjectNode details = HostedErrors.details(failure);
            details.put("connector_instance_id", row.id());
            details.put("execution_time_ms", nanos / 1_000_000);
            ApiError error = new ApiError(HostedErrors.httpStatus(failure), failure.errorType(), failure.getMessage())
                    .field(HostedErrors.field(failure)).details(details);
            if (details.has("retry_after_seconds")) {
                error.header("Retry-After", details.get("retry_after_seconds").asText());
            }
            throw error;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ctx.metrics().execute(entity, action, "success", nanos);
        out.put("status", "success");
        out.set("result", FieldFilter.apply(result.data(), select, exclude));
        ObjectNode meta = result.meta();
        out.set("connector_metadata", meta == null ? JsonNodeFactory.instance.nullNode() : meta);
        ObjectNode exec = out.putObject("execution_metadata");
        exec.put("connector_instance_id", row.id());
        exec.put("execution_time_ms", nanos / 1_000_000);
        out.putNull("error");
        return Response.json(200, out);
    }
}
