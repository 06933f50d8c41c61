package dev.agentconnector.server.api;

import dev.agentconnector.server.http.Router;

/** Every endpoint of the service. */
public final class Routes {
    private Routes() {
    }

    /** A router with all endpoints bound to {@code ctx}. */
    public static Router build(ServerContext ctx) {
        Router router = new Router();
        ConnectorEndpoints connectors = new ConnectorEndpoints(ctx);
        new TokenEndpoints(ctx).register(router);
        connectors.register(router);
        new ExecuteEndpoint(ctx, connectors).register(router);
        new OAuthEndpoints(ctx, connectors).register(router);
        new HealthEndpoints(ctx).register(router);
        return router;
    }
}
