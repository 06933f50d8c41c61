package dev.agentconnector.asana.sim.http;

/** Answers one API route. */
@FunctionalInterface
public interface RouteHandler {
    /** Handles the request; may throw {@link ApiException} for Asana error answers. */
    Reply handle(ApiRequest request);
}
