package dev.agentconnector.server.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.agentconnector.server.crypto.SecretBoxException;
import dev.agentconnector.server.db.DatabaseException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one handler behind every path: routes, authenticates, maps failures to JSON errors (never a stack trace),
 * writes one access-log line per request (method, route template, status, time; never headers or bodies), and
 * counts requests in flight (see {@link #tracking}) so that shutdown can wait for them.
 */
public final class Frontend implements HttpHandler {
    private static final System.Logger ACCESS = System.getLogger("dev.agentconnector.server.access");
    private static final System.Logger LOG = System.getLogger(Frontend.class.getName());
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final Router router;
    private final Authenticator authenticator;
    private final RequestObserver observer;
    private final int maxBodyBytes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;

    public Frontend(Router router, Authenticator authenticator, RequestObserver observer, int maxBodyBytes) {
        this.router = router;
        this.authenticator = authenticator;
        this.observer = observer;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Wraps the worker pool so that every exchange counts as in flight from the moment the HTTP server hands it
     * over (even while it waits in the queue) until its handler returns.
     */
    public Executor tracking(Executor pool) {
        return task -> {
            inFlight.incrementAndGet();
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        finished();
                    }
                });
            } catch (RuntimeException e) {
                finished();
                throw e;
            }
        };
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = METHODS.contains(exchange.getRequestMethod()) ? exchange.getRequestMethod() : "OTHER";
        String route = "unmatched";
        int status = 500;
        try {
            Response response;
            try {
                if (draining) {
                    throw new ApiError(503, "shutting_down", "the server is shutting down; send the request again")
                            .header("Connection", "close");
                }
                Router.Match match = router.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
                if (match.route() == null) {
                    throw unmatched(match, exchange);
                }
                route = match.route().template();
                Request request = new Request(exchange, match.params(), maxBodyBytes);
                if (match.route().auth() == Router.Auth.BEARER) {
                    request.principal(authenticator.authenticate(request));
                }
                response = match.route().handler().handle(request);
            } catch (ApiError e) {
                response = e.toResponse();
            } catch (DatabaseException e) {
                LOG.log(System.Logger.Level.ERROR, method + " " + route + ": database failure", e);
                response = new ApiError(503, "database_unavailable", "the database is unavailable; try again "
                        + "shortly").toResponse();
            } catch (SecretBoxException e) {
                LOG.log(System.Logger.Level.ERROR, method + " " + route + ": " + e.getMessage());
                response = new ApiError(500, "credentials_unreadable", "the stored credentials cannot be decrypted "
                        + "with this server's master key; check that every instance uses the same key").toResponse();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, method + " " + route + " failed", e);
                response = new ApiError(500, "internal_error", "the server failed to handle the request; its log "
                        + "has the details").toResponse();
            }
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, method + " " + route + ": the client went away before the answer");
        } finally {
            exchange.close();
            long nanos = System.nanoTime() - start;
            ACCESS.log(System.Logger.Level.INFO, method + " " + route + " " + status + " "
                    + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
            observer.completed(method, route, status, nanos);
        }
    }

    private static ApiError unmatched(Router.Match match, HttpExchange exchange) {
        if (!match.allowedMethods().isEmpty()) {
            return new ApiError(405, "method_not_allowed", exchange.getRequestMethod() + " is not supported here; "
                    + "use " + String.join(" or ", match.allowedMethods()))
                    .header("Allow", String.join(", ", match.allowedMethods()));
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 200) {
            path = path.substring(0, 200) + "…";
        }
        return ApiError.notFound("no endpoint at " + path);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", response.contentType());
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(h::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** From now on, answer 503 to new requests on connections that are still open. */
    public void startDraining() {
        draining = true;
    }

    /** Waits until no request is being handled, up to {@code timeoutMillis}; true when idle. */
    public boolean awaitIdle(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return inFlight.get() == 0;
                }
            }
        }
        return true;
    }

    /** Requests being handled now. */
    public int inFlight() {
        return inFlight.get();
    }
}
