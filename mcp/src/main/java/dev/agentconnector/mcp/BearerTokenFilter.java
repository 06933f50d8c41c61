package dev.agentconnector.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets through only requests carrying {@code Authorization: Bearer <token>}; others get 401 (a JSON-RPC error) and no detail. */
final class BearerTokenFilter implements Filter {
    private static final String PREFIX = "Bearer ";
    private final byte[] expected;

    BearerTokenFilter(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && MessageDigest.isEqual(header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8),
                expected)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse res = (HttpServletResponse) response;
        res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        res.setHeader("WWW-Authenticate", "Bearer realm=\"asana-agent-mcp\""
                + (header == null ? "" : ", error=\"invalid_token\""));
        JsonRpcHttpErrors.refuseUnread((HttpServletRequest) request, res, HttpServletResponse.SC_UNAUTHORIZED, header == null
                ? "unauthorized: send the server's token as Authorization: Bearer <token>"
                : "unauthorized: the bearer token is not valid");
    }
}
