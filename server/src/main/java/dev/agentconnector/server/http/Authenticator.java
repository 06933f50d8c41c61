package dev.agentconnector.server.http;

import dev.agentconnector.server.auth.Principal;

/** Turns a request's credentials into a caller, or throws an {@link ApiError} (401, or 404 for another tenant). */
@FunctionalInterface
public interface Authenticator {
    Principal authenticate(Request request);
}
