package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.crypto.SecretHasher;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;
import dev.agentconnector.server.http.Request;
import dev.agentconnector.server.http.Response;
import dev.agentconnector.server.http.Router;
import dev.agentconnector.server.store.Application;

import java.util.List;
import java.util.Optional;

/** Application tokens (client credentials) and workspace-scoped tokens. */
final class TokenEndpoints {
    /** Compared against when the client id is unknown, so both failures take the same time. */
    private static final SecretHasher.Hashed DECOY = SecretHasher.hash("decoy");

    private final ServerContext ctx;

    TokenEndpoints(ServerContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", "/api/v1/account/applications/token", Router.Auth.NONE, this::applicationToken);
        router.add("POST", "/api/v1/account/applications/scoped-token", Router.Auth.BEARER, this::scopedToken);
    }

    private Response applicationToken(Request r) {
        Fields f = Fields.of(r.jsonObject(), "", List.of("client_id", "client_secret"));
        String clientId = f.requiredString("client_id");
        String secret = f.requiredString("client_secret");
        Optional<Application> app = clientId.length() > 64 ? Optional.empty()
                : ctx.applications().findByClientId(clientId);
        boolean valid;
        if (app.isPresent()) {
            valid = SecretHasher.matches(secret, app.get().secretSalt(), app.get().secretHash())
                    && !app.get().revoked();
        } else {
            SecretHasher.matches(secret, DECOY.salt(), DECOY.hash());
            valid = false;
        }
        if (!valid) {
            throw ApiError.unauthorized("invalid_client", "unknown client_id or wrong client_secret");
        }
        BearerAuth.checkOrganizationHeader(r, app.get().organizationId());
        Principal p = new Principal(app.get().organizationId(), app.get().id(), null);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("access_token", ctx.tokens().issue(p, ctx.config().applicationTokenTtl()));
        out.put("token_type", "Bearer");
        out.put("expires_in", ctx.config().applicationTokenTtl().toSeconds());
        out.put("organization_id", p.organizationId());
        return Response.json(200, out);
    }

    private Response scopedToken(Request r) {
        Principal p = r.principal();
        BearerAuth.requireApplication(p);
        Fields f = Fields.of(r.jsonObject(), "", List.of("workspace_name", "external_user_id", "customer_name",
                "read_only"));
        String workspace = Names.workspace(f, p, true);
        boolean readOnly = f.bool("read_only", false);
        ctx.workspaces().getOrCreate(p.organizationId(), workspace, ctx.clock().instant());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("token", ctx.tokens().issue(new Principal(p.organizationId(), p.applicationId(), workspace, readOnly),
                ctx.config().scopedTokenTtl()));
        out.put("token_type", "Bearer");
        out.put("expires_in", ctx.config().scopedTokenTtl().toSeconds());
        out.put("workspace_name", workspace);
        out.put("read_only", readOnly);
        return Response.json(200, out);
    }
}
