package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tool calls in progress, by session and JSON-RPC request id, so that {@code notifications/cancelled} can stop one.
 * A transport {@linkplain #admit admits} a request as it arrives and {@linkplain #finish finishes} it once its answer
 * is out (or dropped); the tool handler {@linkplain #run runs} the call under the key the transport passes along in
 * the {@link McpTransportContext}. Cancelling interrupts the handler's thread (the connector's HTTP client then
 * abandons the exchange with Asana: the JDK client cancels a request whose waiting thread is interrupted), and the
 * transport, told through the request's {@code onCancel}, sends no answer for it. A request cancelled before its
 * handler starts never reaches Asana.
 */
final class Cancellations {
    /** The notification that cancels a request. */
    static final String METHOD = "notifications/cancelled";

    /** Where the transports put the call's key in the transport context. */
    static final String CONTEXT_KEY = "dev.agentconnector.mcp.call";

    private static final class Call {
        final Runnable onCancel;
        Thread thread;
        boolean cancelled;

        Call(Runnable onCancel) {
            this.onCancel = onCancel;
        }
    }

    private final Map<String, Call> calls = new HashMap<>();

    /** The key of a request: its session and its id as JSON text ({@code 7}, {@code "a"}). */
    static String key(String session, JsonNode id) {
        return key(session, id.toString());
    }

    /** The key of a request whose id is given as JSON text. */
    static String key(String session, String idJson) {
        return (session == null ? "" : session) + '\u0000' + idJson;
    }

    /** The {@code requestId} of a cancellation's params, or null when it has none of a JSON-RPC id's types. */
    static JsonNode requestId(JsonNode params) {
        JsonNode id = params == null ? null : params.get("requestId");
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    }

    /** The transport context carrying a call's key to the tool handler. */
    static McpTransportContext context(String key) {
        return McpTransportContext.create(Map.of(CONTEXT_KEY, key));
    }

    /**
     * Records a request that may be cancelled; {@code onCancel} runs (once, on the cancelling thread) if it is.
     *
     * @return false when a request with this key is already in progress (the key is then left as it was)
     */
    synchronized boolean admit(String key, Runnable onCancel) {
        if (calls.containsKey(key)) {
            return false;
        }
        calls.put(key, new Call(onCancel));
        return true;
    }

    /** Forgets a request whose answer went out or was dropped. */
    synchronized void finish(String key) {
        calls.remove(key);
    }

    /** Whether the request was cancelled (its answer must then not be sent). */
    synchronized boolean cancelled(String key) {
        Call c = calls.get(key);
        return c != null && c.cancelled;
    }

    /**
     * Cancels a request in progress: marks it, interrupts its handler if one runs, and runs its {@code onCancel}.
     *
     * @return false when no request with this key is in progress (already answered, or never seen)
     */
    boolean cancel(String key) {
        Runnable onCancel;
        synchronized (this) {
            Call c = calls.get(key);
            if (c == null || c.cancelled) {
                return false;
            }
            c.cancelled = true;
            if (c.thread != null) {
                c.thread.interrupt();
            }
            onCancel = c.onCancel;
        }
        if (onCancel != null) {
            onCancel.run();
        }
        return true;
    }

    /**
     * Runs a tool call as the request the context names, interruptible by {@link #cancel}; a request cancelled
     * before it starts gets {@code whenCancelled} without running. Without a key (a transport that passes none) the
     * call simply runs.
     */
    <T> T run(McpTransportContext context, Supplier<T> call, Supplier<T> whenCancelled) {
        Object k = context == null ? null : context.get(CONTEXT_KEY);
        if (!(k instanceof String key)) {
            return call.get();
        }
        Thread self = Thread.currentThread();
        boolean tracked;
        synchronized (this) {
            Call c = calls.get(key);
            tracked = c != null;
            if (tracked && c.cancelled) {
                tracked = false;
                self = null;
            } else if (tracked) {
                c.thread = self;
            }
        }
        if (self == null) {
            return whenCancelled.get();
        }
        if (!tracked) {
            return call.get();
        }
        Thread running = self;
        try {
            return call.get();
        } finally {
            synchronized (this) {
                Call c = calls.get(key);
                if (c != null && c.thread == running) {
                    c.thread = null;
                }
                // an interrupt meant for this call must not reach whatever the pooled thread runs next; under the
                // lock, so that no cancel can interrupt after this point
                Thread.interrupted();
            }
        }
    }
}
