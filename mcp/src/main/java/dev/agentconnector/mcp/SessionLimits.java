package dev.agentconnector.mcp;

import dev.agentconnector.runtime.error.ConfigurationException;

import java.time.Duration;

/**
 * How long streamable HTTP sessions live, how many there may be, and how often an open event stream hears from the
 * server.
 *
 * @param idleTimeout       a session with no request in progress and no open event stream for this long is ended
 *                          (later requests with its id get 404, and the client starts a new session); default 10 min
 * @param maxSessions       sessions kept at most; a new one then ends the session idle the longest, and is refused
 *                          (503) when every session is busy; default 1,000
 * @param keepAliveInterval how often an open {@code GET} event stream gets an SSE comment line, so that proxies keep
 *                          it and a client that went away is noticed; default 15 s
 */
public record SessionLimits(Duration idleTimeout, int maxSessions, Duration keepAliveInterval) {
    /** Ten minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** One thousand. */
    public static final int DEFAULT_MAX_SESSIONS = 1_000;
    /** Fifteen seconds. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public SessionLimits {
        if (idleTimeout == null || idleTimeout.toMillis() < 100) {
            throw new ConfigurationException("the session idle timeout must be at least 100 ms, got " + idleTimeout);
        }
        if (maxSessions < 1) {
            throw new ConfigurationException("the session cap must be at least 1, got " + maxSessions);
        }
        if (keepAliveInterval == null || keepAliveInterval.toMillis() < 10) {
            throw new ConfigurationException("the keep-alive interval must be at least 10 ms, got "
                    + keepAliveInterval);
        }
    }

    /** The defaults. */
    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS, DEFAULT_KEEP_ALIVE);
    }
}
