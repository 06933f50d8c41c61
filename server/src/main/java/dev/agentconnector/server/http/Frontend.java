package dev.agentconnector.server.http;

import dev.agentconnector.server.crypto.SecretBoxException;
import dev.agentconnector.server.db.DatabaseException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one servlet behind every path: routes, authenticates, maps failures to JSON errors (never a stack trace),
 * writes one access-log line per request (method, route template, status, time; never headers or bodies), and
 * counts requests in flight.
 */
public final class Frontend extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger ACCESS = System.getLogger("dev.agentconnector.server.access");
    private static final System.Logger LOG = System.getLogger(Frontend.class.getName());
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final transient Router router;
    private final transient Authenticator authenticator;
    private final transient RequestObserver observer;
    private final int maxBodyBytes;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Frontend(Router router, Authenticator authenticator, RequestObserver observer, int maxBodyBytes) {
        this.router = router;
        this.authenticator = authenticator;
        this.observer = observer;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest exchange, HttpServletResponse out) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        String method = METHODS.contains(exchange.getMethod()) ? exchange.getMethod() : "OTHER";
        String route = "unmatched";
        int status = 500;
        Request request = null;
        try {
            Response response;
            try {
                Router.Match match = router.match(exchange.getMethod(), exchange.getRequestURI());
                request = new Request(exchange, match.params(), maxBodyBytes);
                if (match.route() == null) {
                    throw unmatched(match, exchange);
                }
                route = match.route().template();
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
            if (request != null && !request.discardUnread()) {
                response.header("Connection", "close");
            }
            send(out, response);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, method + " " + route + ": the client went away before the answer");
        } finally {
            inFlight.decrementAndGet();
            long nanos = System.nanoTime() - start;
            ACCESS.log(System.Logger.Level.INFO, method + " " + route + " " + status + " "
                    + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
            observer.completed(method, route, status, nanos);
        }
    }

    private static ApiError unmatched(Router.Match match, HttpServletRequest exchange) {
        if (!match.allowedMethods().isEmpty()) {
            return new ApiError(405, "method_not_allowed", Texts.clip(exchange.getMethod(), 20) + " is not "
                    + "supported here; use " + String.join(" or ", match.allowedMethods()))
                    .header("Allow", String.join(", ", match.allowedMethods()));
        }
        String path = exchange.getRequestURI();
        if (path.length() > 200) {
            path = path.substring(0, 200) + "…";
        }
        return ApiError.notFound("no endpoint at " + path);
    }

    private static void send(HttpServletResponse out, Response response) throws IOException {
        out.setStatus(response.status());
        out.setHeader("Content-Type", response.contentType());
        out.setHeader("Cache-Control", "no-store");
        out.setHeader("X-Content-Type-Options", "nosniff");
        response.headers().forEach(out::setHeader);
        byte[] body = response.body();
        out.setContentLength(body.length);
        if (body.length > 0) {
            out.getOutputStream().write(body);
        }
    }

    /** Requests being handled now. */
    public int inFlight() {
        return inFlight.get();
    }
}
