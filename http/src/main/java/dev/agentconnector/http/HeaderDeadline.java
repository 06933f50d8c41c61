package dev.agentconnector.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes connections that take longer than the header timeout to deliver a complete request head. Jetty reads
 * headers without holding a thread, but a client sending one byte every few seconds resets the idle timeout and
 * keeps its connection slot for ever; this deadline is not reset by traffic. It counts from the connection's opening
 * for its first request, and from the first byte of each later one (a kept-alive connection with nothing pending
 * is left to the idle timeout, so a client reusing it is not raced). A connection with a request being handled is
 * never touched: the idle timeout covers slow bodies and slow readers. Checked every quarter of the timeout (at
 * most every second), so a connection is cut between 1 and 1.25 timeouts.
 */
final class HeaderDeadline extends Handler.Wrapper implements Connection.Listener, AutoCloseable {
    private static final class State {
        final AtomicInteger active = new AtomicInteger();
        final long openedAt = System.nanoTime();
        /** Whether a request has been answered on it: later heads are timed from their first byte. */
        volatile boolean served;
        /** Bytes read when the last answer finished; more than this means a new head is arriving. */
        volatile long bytesAtIdle;
        /** When the sweep first saw bytes of the next head (0 = not yet). */
        volatile long headSeenAt;
    }

    private final Map<Connection, State> open = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final ScheduledExecutorService sweeper;

    HeaderDeadline(Handler next, long timeoutMillis) {
        super(next);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-header-deadline");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, timeoutMillis / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new State());
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        State state = open.get(connection);
        if (state == null) {
            return super.handle(request, response, callback);
        }
        state.active.incrementAndGet();
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                finished(state, connection);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                finished(state, connection);
                super.failed(x);
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, done);
        } catch (Throwable t) {
            finished(state, connection);
            throw t;
        }
        if (!handled) {
            finished(state, connection);
        }
        return handled;
    }

    private static void finished(State state, Connection connection) {
        state.bytesAtIdle = connection.getBytesIn();
        state.headSeenAt = 0;
        state.served = true;
        state.active.decrementAndGet();
    }

    private void sweep() {
        long now = System.nanoTime();
        open.forEach((connection, state) -> {
            if (state.active.get() > 0) {
                return;
            }
            long since;
            if (!state.served) {
                since = state.openedAt;
            } else if (connection.getBytesIn() > state.bytesAtIdle) {
                if (state.headSeenAt == 0) {
                    state.headSeenAt = now;
                }
                since = state.headSeenAt;
            } else {
                return;
            }
            if (now - since > timeoutNanos) {
                open.remove(connection);
                connection.getEndPoint().close();
            }
        });
    }

    /** Connections open now. */
    int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
