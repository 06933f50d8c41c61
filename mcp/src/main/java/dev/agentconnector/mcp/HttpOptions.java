package dev.agentconnector.mcp;

import dev.agentconnector.runtime.error.ConfigurationException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where and how the streamable HTTP server listens. Loopback needs nothing more; any other address needs a bearer
 * token, since whoever reaches the port acts in Asana with the server's credentials.
 *
 * @param host           address to bind, {@code 127.0.0.1} by default
 * @param port           port to bind, 0 for any free one
 * @param token          bearer token every request must carry, or null (loopback only)
 * @param allowedOrigins browser origins allowed besides the loopback ones, e.g. {@code https://app.example.com};
 *                       {@code :*} as port allows any port
 * @param allowedHosts   Host header values allowed besides the loopback ones; empty means no Host check when bound
 *                       beyond loopback
 * @param sessions       session idle timeout, session cap and event-stream keep-alive
 */
public record HttpOptions(String host, int port, String token, List<String> allowedOrigins,
                          List<String> allowedHosts, SessionLimits sessions) {
    /** The address bound by default: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port bound by default. */
    public static final int DEFAULT_PORT = 8765;
    /** The environment variable read for the token when none is given on the command line. */
    public static final String TOKEN_ENV = "ASANA_AGENT_MCP_TOKEN";
    /** The shortest token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** The endpoint path. */
    public static final String PATH = "/mcp";

    public HttpOptions {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
        if (port < 0 || port > 65_535) {
            throw new ConfigurationException("port must be from 0 to 65535, got " + port);
        }
        token = token == null || token.isBlank() ? null : token.trim();
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new ConfigurationException("the MCP bearer token must be at least " + MIN_TOKEN_LENGTH
                    + " characters (e.g. from: openssl rand -hex 24)");
        }
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        sessions = sessions == null ? SessionLimits.defaults() : sessions;
    }

    /** These settings with the default session limits. */
    public HttpOptions(String host, int port, String token, List<String> allowedOrigins, List<String> allowedHosts) {
        this(host, port, token, allowedOrigins, allowedHosts, null);
    }

    /** Loopback on the given port, no token. */
    public static HttpOptions loopback(int port) {
        return new HttpOptions(DEFAULT_HOST, port, null, List.of(), List.of());
    }

    /** These options with a bearer token. */
    public HttpOptions withToken(String value) {
        return new HttpOptions(host, port, value, allowedOrigins, allowedHosts, sessions);
    }

    /** These options with other session limits. */
    public HttpOptions withSessions(SessionLimits limits) {
        return new HttpOptions(host, port, token, allowedOrigins, allowedHosts, limits);
    }

    /** Whether the host is a loopback address (only this machine can connect). */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigurationException("cannot resolve host '" + host + "' to bind to");
        }
    }

    /**
     * Refuses a setting that would let anyone who reaches the port act with the server's credentials.
     *
     * @throws ConfigurationException when bound beyond loopback without a token
     */
    public void requireSafe() {
        if (token == null && !isLoopback()) {
            throw new ConfigurationException("refusing to serve MCP on " + host + " without a bearer token: anyone "
                    + "who can reach it could act in Asana with these credentials. Set " + TOKEN_ENV + " (or pass "
                    + "--token) to a secret of " + MIN_TOKEN_LENGTH + "+ characters that clients send as "
                    + "'Authorization: Bearer <token>', or bind to 127.0.0.1");
        }
    }
}
