package dev.agentconnector.runtime.exec;

import java.util.function.Supplier;

/**
 * What happens during a call that whoever waits for it may want to hear about as it happens: a retry, a wait for the
 * rate limit, a token renewal. The engine reports them on the calling thread (retries and waits run there);
 * {@link #observe} listens for the length of one call, as the MCP server does to send them as log notifications.
 * Messages never hold credentials or params.
 */
public final class CallEvents {
    /** What happened. */
    public enum Kind {
        /** A request is repeated after a 429, a 5xx or a failed connection. */
        RETRY,
        /** A request waits for the connector's own rate limit or concurrency cap. */
        RATE_LIMIT_WAIT,
        /** The OAuth access token is being renewed. */
        TOKEN_REFRESH
    }

    /** Hears the events of the calls it observes. */
    @FunctionalInterface
    public interface Listener {
        void on(Kind kind, String message);
    }

    private static final ThreadLocal<Listener> CURRENT = new ThreadLocal<>();

    private CallEvents() {
    }

    /** Runs {@code call}, telling {@code listener} what the engine reports on this thread meanwhile. */
    public static <T> T observe(Listener listener, Supplier<T> call) {
        Listener previous = CURRENT.get();
        CURRENT.set(listener);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Tells the listener of this thread's call, if any; a failing listener does not fail the call. */
    public static void report(Kind kind, Supplier<String> message) {
        Listener l = CURRENT.get();
        if (l == null) {
            return;
        }
        try {
            l.on(kind, message.get());
        } catch (RuntimeException ignored) {
            // a listener's problem (a client gone) is no reason to fail the call
        }
    }
}
