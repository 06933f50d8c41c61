package dev.agentconnector.runtime.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.Version;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.runtime.exec.ParamValidator;
import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.http.JdkHttpTransport;
import dev.agentconnector.runtime.http.RetryingTransport;
import dev.agentconnector.runtime.http.Transport;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.OperationSpec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Executes operations through a connector execution service: params are validated here against the same spec
 * as local mode, then posted to {@code /api/v1/integrations/connectors/{id}/execute}; the answer becomes the same
 * envelope as local mode. The connector id is resolved once and cached; the application token is cached for its
 * lifetime and renewed after a 401; 429 and 5xx are retried as in local mode (5xx only for reads). Actions of
 * {@code ConnectorOptions.localActions} are answered here, as a local executor answers them.
 */
public final class HostedExecutor implements Executor {
    private final ConnectorSpec spec;
    private final HostedConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ParamValidator validator = new ParamValidator(mapper);
    private final Transport transport;
    private final ApplicationToken appToken;
    private final String userAgent;
    private final LocalActions localActions;
    private volatile String connectorId;

    public HostedExecutor(ConnectorSpec spec, HostedConfig config, ConnectorOptions options) {
        this.spec = spec;
        this.config = config;
        this.transport = new RetryingTransport(new JdkHttpTransport(
                JdkHttpTransport.apiClient(options.connectTimeout()), options.requestTimeout()),
                options.retryPolicy(), options.sleeper(), () -> ThreadLocalRandom.current().nextDouble());
        this.appToken = new ApplicationToken(config, transport, mapper, options.clock());
        this.userAgent = Version.userAgent(spec.name(), options.userAgentSuffix());
        this.connectorId = config.connectorId();
        this.localActions = options.localActions() == null ? LocalActions.NONE : options.localActions();
    }

    /**
     * The actions answered in this process instead of by the service: those of {@code ConnectorOptions.localActions}
     * (e.g. a context store synced here), or none.
     */
    @Override
    public LocalActions localActions() {
        return localActions;
    }

    @Override
    public ExecutionResult execute(String entity, String action, Map<String, ?> params) {
        return run(entity, action, params);
    }

    @Override
    public ExecutionResult execute(String entity, String action, JsonNode params) {
        return run(entity, action, params);
    }

    private ExecutionResult run(String entity, String action, Object params) {
        if (localActions.handles(entity, action)) {
            JsonNode p = params instanceof JsonNode n ? n : mapper.valueToTree(params);
            return localActions.answeredByService() ? forward(entity, action, p) : localActions.run(entity, action, p);
        }
        try {
            OperationSpec op = spec.operation(entity, action);
            ObjectNode validated = validator.validate(op, params);
            if (op.isDownload()) {
                throw new ConfigurationException(op.qualifiedName() + " streams a file and is not available in "
                        + "hosted mode; use a local connector to download attachments");
            }
            ObjectNode body = mapper.createObjectNode().put("entity", entity).put("action", action);
            body.set("params", validated);
            String id = connectorId();
            ApiResponse r = call(op.qualifiedName(), "POST", "/api/v1/integrations/connectors/" + enc(id) + "/execute",
                    body, !op.isWrite());
            return toResult(op.qualifiedName(), r);
        } catch (ConnectorException e) {
            return ExecutionResult.failure(e);
        }
    }

    /**
     * An action the service answers beyond the spec (one of {@link LocalActions#answeredByService()}): posted as it
     * is, checked by the service, whose errors come back as failures naming the field at fault.
     */
    private ExecutionResult forward(String entity, String action, JsonNode params) {
        String name = entity + "." + action;
        try {
            if (params != null && !params.isNull() && !params.isObject()) {
                throw new ValidationException(entity, action, "params", "params must be a JSON object");
            }
            ObjectNode body = mapper.createObjectNode().put("entity", entity).put("action", action);
            body.set("params", params == null || params.isNull() ? mapper.createObjectNode() : params);
            ApiResponse r = call(name, "POST", "/api/v1/integrations/connectors/" + enc(connectorId()) + "/execute",
                    body, true);
            return toResult(name, r);
        } catch (ConnectorException e) {
            return ExecutionResult.failure(e);
        }
    }

    private ExecutionResult toResult(String operation, ApiResponse r) {
        JsonNode json = parse(r.bytes());
        if (r.status() == 200) {
            JsonNode meta = json.get("connector_metadata");
            if ("success".equals(json.path("status").asText())) {
                return ExecutionResult.success(json.get("result"), meta instanceof ObjectNode o ? o : null);
            }
            // services that report failures inside a 200
            JsonNode error = json.path("error");
            return ExecutionResult.failure(HostedErrors.exception(200, error.path("code").asText("api_error"),
                    error.path("message").asText(operation + " failed in the execution service"), null,
                    error.path("details"), spec.title()), meta instanceof ObjectNode o ? o : null);
        }
        ConnectorException e = HostedErrors.exception(r.status(), json, spec.title(), operation
                + ": the execution service answered " + r.status());
        if (e instanceof RemoteExecutionException) {
            throw new RemoteExecutionException(e.errorType(), operation + ": the execution service answered "
                    + r.status() + ": " + e.getMessage(), r.status());
        }
        throw e;
    }

    /** The connector id: given, or looked up once by workspace name and definition. */
    public String connectorId() {
        String id = connectorId;
        if (id != null) {
            return id;
        }
        synchronized (this) {
            if (connectorId == null) {
                connectorId = resolveConnectorId();
            }
            return connectorId;
        }
    }

    private String resolveConnectorId() {
        String query = "?workspace_name=" + enc(config.workspaceName())
                + (config.definitionId() == null ? "" : "&definition_id=" + enc(config.definitionId()));
        ApiResponse r = call("hosted.connectors", "GET", "/api/v1/integrations/connectors" + query, null, true);
        JsonNode json = parse(r.bytes());
        if (r.status() != 200) {
            ConnectorException e = HostedErrors.exception(r.status(), json, spec.title(), "");
            throw new RemoteExecutionException(HostedErrors.code(json) == null ? "hosted_error" : e.errorType(),
                    "looking up the connector of workspace '" + config.workspaceName() + "': the execution service "
                            + "answered " + r.status() + ": " + e.getMessage(), r.status());
        }
        List<String> ids = new ArrayList<>();
        json.path("data").forEach(c -> ids.add(c.path("id").asText()));
        if (ids.isEmpty()) {
            throw new ConfigurationException("no " + spec.title() + " connector exists for workspace '"
                    + config.workspaceName() + "'; create one first (POST /api/v1/integrations/connectors)");
        }
        if (ids.size() > 1) {
            throw new ConfigurationException("workspace '" + config.workspaceName() + "' has " + ids.size() + " "
                    + spec.title() + " connectors (" + String.join(", ", ids) + "); pass the connector id to "
                    + "choose one");
        }
        return ids.get(0);
    }

    /** Sends one request with the application token, renewing the token once after a 401. */
    private ApiResponse call(String operation, String method, String path, JsonNode body, boolean retrySafe) {
        byte[] bytes;
        try {
            bytes = body == null ? null : mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String token = appToken.get();
        ApiResponse r = transport.send(request(operation, method, path, bytes, retrySafe, token));
        if (r.status() == 401) {
            appToken.invalidate(token);
            r = transport.send(request(operation, method, path, bytes, retrySafe, appToken.get()));
        }
        return r;
    }

    private ApiRequest request(String operation, String method, String path, byte[] body, boolean retrySafe,
                               String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("Authorization", "Bearer " + token);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (config.organizationId() != null) {
            headers.put("X-Organization-Id", config.organizationId());
        }
        return new ApiRequest(operation, method, URI.create(config.apiUrl() + path), headers, body, false, retrySafe);
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? null : mapper.readTree(body);
            return n == null ? mapper.createObjectNode() : n;
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "HostedExecutor[" + config + "]";
    }
}
