package dev.agentconnector.server.api;

import dev.agentconnector.server.auth.AccessTokens;
import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.auth.Revocations;
import dev.agentconnector.server.auth.TokenException;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Authenticator;
import dev.agentconnector.server.http.Request;

/**
 * Authenticates {@code Authorization: Bearer <token>} with the server's signed tokens. An application belongs to
 * one organization: an {@code X-Organization-Id} header naming any other answers 404.
 */
public final class BearerAuth implements Authenticator {
    private final AccessTokens tokens;
    private final Revocations revocations;

    /** Verifies signatures with {@code tokens}, then asks {@code revocations} whether the application still stands. */
    public BearerAuth(AccessTokens tokens, Revocations revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
    }

    @Override
    public Principal authenticate(Request request) {
        Principal p = verify(request);
        checkOrganizationHeader(request, p.organizationId());
        return p;
    }

    /** The caller of a request, without the organization header check. */
    Principal verify(Request request) {
        String token = bearerToken(request);
        AccessTokens.Verified verified;
        try {
            verified = tokens.verifyToken(token);
        } catch (TokenException e) {
            throw ApiError.unauthorized(e.expired() ? "token_expired" : "invalid_token", e.getMessage()
                    + (e.expired() ? " from POST /api/v1/account/applications/token" : ""));
        }
        if (!revocations.accepts(verified)) {
            throw ApiError.unauthorized("invalid_token", "the access token is no longer valid: its application was "
                    + "revoked or its secret rotated");
        }
        return verified.principal();
    }

    /** The token of an {@code Authorization: Bearer} header (401 when there is none). */
    static String bearerToken(Request request) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiError.unauthorized("unauthorized", "missing bearer token: send 'Authorization: Bearer <token>' "
                    + "with a token from POST /api/v1/account/applications/token");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw ApiError.unauthorized("unauthorized", "the Authorization header must be 'Bearer <token>'");
        }
        return header.substring(7).strip();
    }

    /** 404 when an {@code X-Organization-Id} header names another organization than the caller's. */
    static void checkOrganizationHeader(Request request, String organizationId) {
        String header = request.header("X-Organization-Id");
        if (header != null && !header.strip().equals(organizationId)) {
            throw ApiError.notFound("organization '" + Names.clip(header.strip()) + "' not found: an application "
                    + "belongs to exactly one organization; omit X-Organization-Id or send the organization_id "
                    + "returned with the access token");
        }
    }

    /** 401 unless the caller holds an application token (not a workspace-scoped one). */
    static void requireApplication(Principal p) {
        if (!p.isApplication()) {
            throw ApiError.unauthorized("application_token_required", "this endpoint needs an application token; "
                    + "a workspace-scoped token cannot use it");
        }
    }
}
