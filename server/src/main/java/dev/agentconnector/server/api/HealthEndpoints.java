package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.auth.TokenException;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Request;
import dev.agentconnector.server.http.Response;
import dev.agentconnector.server.http.Router;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code /health} (open) and {@code /metrics} (an application token or the static metrics token). */
final class HealthEndpoints {
    private final ServerContext ctx;

    HealthEndpoints(ServerContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "/health", Router.Auth.NONE, this::health);
        router.add("GET", "/metrics", Router.Auth.NONE, this::metrics);
    }

    private Response health(Request r) {
        boolean ok = ctx.db().healthy();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", ok ? "ok" : "unavailable");
        out.put("database", ok ? "ok" : "unavailable");
        return Response.json(ok ? 200 : 503, out);
    }

    private Response metrics(Request r) {
        String token = BearerAuth.bearerToken(r);
        if (!staticTokenMatches(token)) {
            Principal p;
            try {
                p = ctx.tokens().verify(token);
            } catch (TokenException e) {
                throw ApiError.unauthorized(e.expired() ? "token_expired" : "invalid_token", e.getMessage());
            }
            BearerAuth.requireApplication(p);
        }
        return Response.bytes(200, ctx.metrics().contentType(), ctx.metrics().scrape());
    }

    private boolean staticTokenMatches(String token) {
        String expected = ctx.metricsToken();
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
