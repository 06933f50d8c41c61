package dev.agentconnector.mcp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The streamable HTTP sessions this server holds, as the filter in front of the transport sees them: when each was
 * last used, whether a request of it is in progress, its open event streams. It ends sessions idle longer than the
 * {@link SessionLimits#idleTimeout()} (checked as requests arrive, at most once a second; the transport's own sweep
 * at the same interval frees sessions of a server nobody calls), makes room under the cap by ending the session idle
 * the longest, and sends keep-alive comments on open event streams. Ending a session goes through the transport
 * ({@link Ender}), so that it is forgotten there as if its client had sent DELETE.
 */
final class HttpSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpSessions.class);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Ends a session in the transport; {@code template} is a request of this server to model the call on. */
    interface Ender {
        void end(String sessionId, HttpServletRequest template);
    }

    /** One session. */
    static final class Session {
        final String id;
        final AtomicInteger busy = new AtomicInteger();
        final Set<Stream> streams = ConcurrentHashMap.newKeySet();
        volatile long lastUsed;

        Session(String id, long now) {
            this.id = id;
            this.lastUsed = now;
        }

        boolean idle() {
            return busy.get() == 0 && streams.isEmpty();
        }
    }

    /** An open GET event stream. */
    final class Stream implements AsyncListener {
        private final Session session;
        private final AsyncContext context;
        private final PrintWriter writer;
        private volatile ScheduledFuture<?> keepAlive;

        Stream(Session session, AsyncContext context, PrintWriter writer) {
            this.session = session;
            this.context = context;
            this.writer = writer;
        }

        /** One comment line: legal anywhere in an event stream, ignored by clients, noticed by proxies. */
        private void ping() {
            writer.write(": keep-alive\n");
            writer.flush();
            if (writer.checkError()) {
                end(); // the client went away
            } else {
                session.lastUsed = nanoTime.getAsLong();
            }
        }

        void end() {
            ScheduledFuture<?> k = keepAlive;
            if (k != null) {
                k.cancel(false);
            }
            if (session.streams.remove(this)) {
                session.lastUsed = nanoTime.getAsLong();
            }
            try {
                context.complete();
            } catch (IllegalStateException alreadyDone) {
                // completed by the transport or the container
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }

    private final SessionLimits limits;
    private final Ender ender;
    private final LongSupplier nanoTime;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile long lastSweep;

    HttpSessions(SessionLimits limits, Ender ender, LongSupplier nanoTime) {
        this.limits = limits;
        this.ender = ender;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-http-keep-alive");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sessions held. */
    int size() {
        return sessions.size();
    }

    /** A request of this session begins; empty when the session is not (or no longer) held here. */
    Optional<Session> enter(String id) {
        Session s = sessions.get(id);
        if (s != null) {
            s.busy.incrementAndGet();
            s.lastUsed = nanoTime.getAsLong();
        }
        return Optional.ofNullable(s);
    }

    /** A request of this session ended. */
    void leave(Session s) {
        s.lastUsed = nanoTime.getAsLong();
        s.busy.decrementAndGet();
    }

    /** The transport started a session. */
    void started(String id) {
        sessions.put(id, new Session(id, nanoTime.getAsLong()));
    }

    /** The client ended a session (DELETE). */
    void deleted(String id) {
        Session s = sessions.remove(id);
        if (s != null) {
            s.streams.forEach(Stream::end);
        }
    }

    /**
     * Room for one more session: ends the session idle the longest when the cap is reached.
     *
     * @return false when every session is busy (the new one should be refused)
     */
    synchronized boolean makeRoom(HttpServletRequest template) {
        while (sessions.size() >= limits.maxSessions()) {
            Optional<Session> victim = sessions.values().stream().filter(s -> s.busy.get() == 0)
                    .min(Comparator.<Session>comparingInt(s -> s.streams.isEmpty() ? 0 : 1)
                            .thenComparingLong(s -> s.lastUsed));
            if (victim.isEmpty()) {
                return false;
            }
            log.info("MCP session cap ({}) reached: ending the session idle the longest", limits.maxSessions());
            end(victim.get(), template);
        }
        return true;
    }

    /** Ends the sessions idle longer than the timeout; does the work at most once a second. */
    void sweep(HttpServletRequest template) {
        long now = nanoTime.getAsLong();
        if (now - lastSweep < SWEEP_EVERY_NANOS) {
            return;
        }
        synchronized (this) {
            if (now - lastSweep < SWEEP_EVERY_NANOS) {
                return;
            }
            lastSweep = now;
            long timeout = limits.idleTimeout().toNanos();
            for (Session s : sessions.values()) {
                if (s.idle() && now - s.lastUsed >= timeout) {
                    log.info("MCP session idle for {} s: ended", TimeUnit.NANOSECONDS.toSeconds(now - s.lastUsed));
                    end(s, template);
                }
            }
        }
    }

    private void end(Session s, HttpServletRequest template) {
        sessions.remove(s.id, s);
        s.streams.forEach(Stream::end);
        try {
            ender.end(s.id, template);
        } catch (RuntimeException e) {
            log.warn("an MCP session could not be ended in the transport", e);
        }
    }

    /**
     * An event stream the transport opened for this session: sends a first comment at once (so that the client has
     * the status and headers without waiting for an event), then one every keep-alive interval until it ends.
     */
    void opened(Session s, AsyncContext context, PrintWriter writer) {
        Stream stream = new Stream(s, context, writer);
        s.streams.add(stream);
        context.addListener(stream);
        writer.write(": stream open\n");
        writer.flush();
        long every = limits.keepAliveInterval().toMillis();
        stream.keepAlive = timer.scheduleAtFixedRate(stream::ping, every, every, TimeUnit.MILLISECONDS);
        if (writer.checkError()) {
            stream.end();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sessions.values().forEach(s -> s.streams.forEach(Stream::end));
        sessions.clear();
    }
}
