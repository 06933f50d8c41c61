package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.connectors.AsanaDefinition;
import dev.agentconnector.server.connectors.StoredCredentials;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;
import dev.agentconnector.server.http.Request;
import dev.agentconnector.server.http.Response;
import dev.agentconnector.server.http.Router;
import dev.agentconnector.server.store.ConnectorRateLimits;
import dev.agentconnector.server.store.ConnectorRow;
import dev.agentconnector.server.store.Workspace;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Create, list, read, edit and delete connectors. */
final class ConnectorEndpoints {
    static final String BASE = "/api/v1/integrations/connectors";
    private static final List<String> CREATE_FIELDS = Names.with(AsanaDefinition.IGNORED_PLATFORM_FIELDS,
            "workspace_name", "external_user_id", "customer_name", "connector_type", "definition_id", "name",
            "credentials", "check_credentials", RateLimitsJson.FIELD, AsanaDefinition.SERVER_SIDE_OAUTH_SECRET);
    private static final List<String> PATCH_FIELDS = List.of("name", "credentials", "check_credentials",
            RateLimitsJson.FIELD);
    private static final Set<String> LIST_PARAMS = Set.of("workspace_name", "external_user_id", "customer_name",
            "definition_id", "connector_type");

    private final ServerContext ctx;

    ConnectorEndpoints(ServerContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", BASE, Router.Auth.BEARER, this::create);
        router.add("POST", "/v1/integrations/connectors", Router.Auth.BEARER, this::create);
        router.add("GET", BASE, Router.Auth.BEARER, this::list);
        router.add("GET", BASE + "/{id}", Router.Auth.BEARER, this::get);
        router.add("PATCH", BASE + "/{id}", Router.Auth.BEARER, this::patch);
        router.add("DELETE", BASE + "/{id}", Router.Auth.BEARER, this::delete);
        router.add("POST", BASE + "/{id}/check", Router.Auth.BEARER, this::check);
        router.add("GET", BASE + "/{id}/inspect", Router.Auth.BEARER, this::inspect);
        router.add("POST", BASE + "/{id}/sync", Router.Auth.BEARER, this::sync);
    }

    /** Runs {@code workspaces.list} with limit 1 on the stored credentials: healthy, or unhealthy and why. */
    private Response check(Request r) {
        ConnectorRow row = visible(r);
        ExecutionResult result = ctx.executors().get(row).execute("workspaces", "list", Map.of("limit", 1));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", result.success() ? "healthy" : "unhealthy");
        if (result.success()) {
            out.putNull("error");
        } else {
            ObjectNode error = out.putObject("error");
            error.put("error_code", result.exception().errorType());
            error.put("message", result.exception().getMessage());
        }
        out.put("checked_at", now().toString());
        return Response.json(200, out);
    }

    /** What the connector is and can do: type, auth type, its entities and actions; never its credentials. */
    private Response inspect(Request r) {
        ConnectorRow row = visible(r);
        ObjectNode out = ConnectorJson.of(row);
        ArrayNode entities = out.putArray("entities");
        AsanaSpec.get().entities().values().forEach(e -> {
            ObjectNode o = entities.addObject();
            o.put("name", e.name());
            ArrayNode actions = o.putArray("actions");
            e.actions().keySet().forEach(actions::add);
        });
        out.set("context_store", ctx.contextStore().describe(row.id()));
        return Response.json(200, out);
    }

    private Response create(Request r) {
        Principal p = r.principal();
        ObjectNode body = r.jsonObject();
        Fields f = Fields.of(body, "", CREATE_FIELDS);
        AsanaDefinition.refuseServerSideOAuthSecret(body);
        String workspaceName = Names.workspace(f, p, true);
        AsanaDefinition.require(f.string("connector_type"), f.string("definition_id"));
        String name = f.string("name") == null ? AsanaDefinition.CONNECTOR_TYPE : Names.name("name", f.string("name"));
        ConnectorRateLimits limits = RateLimitsJson.parse(body.get(RateLimitsJson.FIELD));
        StoredCredentials credentials = CredentialsParser.parse(f.object("credentials"),
                () -> organizationApp(p.organizationId()));
        if (f.bool("check_credentials", true) && ctx.config().checkCredentials()) {
            credentials = ctx.checker().check(credentials);
        }
        Instant now = now();
        Workspace ws = ctx.workspaces().getOrCreate(p.organizationId(), workspaceName, now);
        ConnectorRow row = save(p.organizationId(), ws, name, credentials, limits, now);
        return Response.json(201, ConnectorJson.of(row));
    }

    /** Stores a new connector with encrypted credentials; also used by the OAuth callback. */
    ConnectorRow save(String organizationId, Workspace ws, String name, StoredCredentials credentials,
                      ConnectorRateLimits limits, Instant now) {
        String id = UUID.randomUUID().toString();
        ConnectorRow row = new ConnectorRow(id, organizationId, ws.id(), ws.name(), name,
                AsanaDefinition.CONNECTOR_TYPE, AsanaDefinition.DEFINITION_ID, credentials.authType(),
                ctx.vault().seal(id, credentials), now, now, 1, limits);
        ctx.connectors().insert(row);
        return row;
    }

    private Optional<CredentialsParser.ClientCredentials> organizationApp(String organizationId) {
        return ctx.oauthApps().find(organizationId, AsanaDefinition.CONNECTOR_TYPE)
                .map(a -> new CredentialsParser.ClientCredentials(a.clientId(),
                        ctx.vault().openAppSecret(organizationId, AsanaDefinition.CONNECTOR_TYPE, a.sealedSecret())));
    }

    private Response list(Request r) {
        Principal p = r.principal();
        Map<String, String> q = r.query();
        for (String key : q.keySet()) {
            if (!LIST_PARAMS.contains(key)) {
                throw ApiError.invalid("unknown query parameter '" + Names.clip(key) + "'"
                        + dev.agentconnector.runtime.exec.Suggestions.didYouMean(key, LIST_PARAMS)
                        + "; accepted: " + String.join(", ", LIST_PARAMS.stream().sorted().toList()));
            }
        }
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("data", data);
        String requested = firstOf(q, "workspace_name", "external_user_id", "customer_name");
        if (!p.isApplication() && requested != null && !requested.equals(p.workspaceName())) {
            return Response.json(200, out); // another workspace: nothing this token may see
        }
        String workspace = p.isApplication() ? requested : p.workspaceName();
        String definition = q.get("definition_id");
        String type = q.get("connector_type");
        if ((definition != null && !definition.equalsIgnoreCase(AsanaDefinition.DEFINITION_ID))
                || (type != null && !AsanaDefinition.isAsana(type))) {
            return Response.json(200, out);
        }
        for (ConnectorRow row : ctx.connectors().list(p.organizationId(), workspace, null)) {
            data.add(ConnectorJson.of(row));
        }
        return Response.json(200, out);
    }

    private static String firstOf(Map<String, String> q, String... keys) {
        for (String k : keys) {
            String v = q.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private Response get(Request r) {
        return Response.json(200, ConnectorJson.of(visible(r)));
    }

    private Response patch(Request r) {
        Principal p = r.principal();
        ConnectorRow row = visible(r);
        ObjectNode body = r.jsonObject();
        Fields f = Fields.of(body, "", PATCH_FIELDS);
        String name = f.string("name") == null ? null : Names.name("name", f.string("name"));
        // present replaces the connector's limits as a whole; null goes back to the service's defaults
        ConnectorRateLimits limits = body.has(RateLimitsJson.FIELD)
                ? RateLimitsJson.parse(body.get(RateLimitsJson.FIELD)) : null;
        StoredCredentials credentials = null;
        if (f.has("credentials")) {
            credentials = CredentialsParser.parse(f.object("credentials"), () -> organizationApp(p.organizationId()));
            if (f.bool("check_credentials", true) && ctx.config().checkCredentials()) {
                credentials = ctx.checker().check(credentials);
            }
        }
        if (name == null && credentials == null && limits == null) {
            throw ApiError.invalid("nothing to change: send 'name', 'credentials' and/or 'rate_limits'");
        }
        boolean updated = ctx.connectors().update(p.organizationId(), row.id(), name,
                credentials == null ? null : credentials.authType(),
                credentials == null ? null : ctx.vault().seal(row.id(), credentials), limits, now());
        if (!updated) {
            throw notFound(row.id());
        }
        ctx.executors().evict(row.id());
        return Response.json(200, ConnectorJson.of(ctx.connectors().find(p.organizationId(), row.id())
                .orElseThrow(() -> notFound(row.id()))));
    }

    private Response delete(Request r) {
        Principal p = r.principal();
        ConnectorRow row = visible(r);
        if (!ctx.connectors().delete(p.organizationId(), row.id())) {
            throw notFound(row.id());
        }
        ctx.executors().evict(row.id());
        ctx.contextStore().forget(row.id());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", row.id());
        out.put("deleted", true);
        return Response.json(200, out);
    }

    /**
     * Asks for a pass copying the connector's Asana data (the changes since the last pass) into its context store:
     * 202 with the sync's status. Some instance of the service runs it soon (after the pass running, if any);
     * progress and results are in inspect's {@code context_store}.
     */
    private Response sync(Request r) {
        ConnectorRow row = visible(r);
        if (r.principal().readOnly()) {
            throw new ApiError(403, "read_only", "a sync writes the connector's context store, and this token is "
                    + "read-only");
        }
        return Response.json(202, ctx.contextStore().request(row));
    }

    /** The connector of the path, if the caller may see it; 404 otherwise (whether or not it exists). */
    ConnectorRow visible(Request r) {
        Principal p = r.principal();
        String id = Names.connectorId(r.pathParam("id"));
        return ctx.connectors().find(p.organizationId(), id)
                .filter(row -> p.canSee(row.workspaceName()))
                .orElseThrow(() -> notFound(id));
    }

    static ApiError notFound(String id) {
        return ApiError.notFound("connector '" + id + "' not found");
    }

    private Instant now() {
        return ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
