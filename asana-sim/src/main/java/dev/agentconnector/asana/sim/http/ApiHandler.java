package dev.agentconnector.asana.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.agentconnector.asana.sim.model.Attachment;
import dev.agentconnector.asana.sim.render.RenderContext;

import java.io.IOException;
import java.util.function.BiFunction;

/**
 * The {@code /api/1.0} pipeline: statistics, injected faults, authentication, rate and concurrency limits, routing
 * and the answer.
 */
public final class ApiHandler implements HttpHandler {
    private static final java.util.concurrent.atomic.AtomicLong REQUEST_IDS =
            new java.util.concurrent.atomic.AtomicLong(0x5a17_0000_0000L);
    /** Path prefix of the REST API. */
    public static final String PREFIX = "/api/1.0";

    private final Router router;
    private final Authenticator auth;
    private final StatsRecorder stats;
    private final Faults faults;
    private final RateLimiter rateLimiter;
    private final ConcurrencyLimiter concurrency;
    private final ErrorReplies errors;
    private final String fallbackOrigin;
    private final BiFunction<String, Attachment, String> downloadUrls;

    /** Wires the pipeline; {@code downloadUrls} mints a download URL from an origin and an attachment. */
    public ApiHandler(Router router, Authenticator auth, StatsRecorder stats, Faults faults, RateLimiter rateLimiter,
                      ConcurrencyLimiter concurrency, ErrorReplies errors, String fallbackOrigin,
                      BiFunction<String, Attachment, String> downloadUrls) {
        this.router = router;
        this.auth = auth;
        this.stats = stats;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
        this.concurrency = concurrency;
        this.errors = errors;
        this.fallbackOrigin = fallbackOrigin;
        this.downloadUrls = downloadUrls;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            Reply reply = process(ex);
            if (reply == null) {
                ex.close();
                return;
            }
            if (reply.status() == 429) {
                stats.rateLimited();
            }
            // like Asana, every answer names its request so that a failure can be traced
            ex.getResponseHeaders().set("X-Request-Id", Long.toHexString(REQUEST_IDS.incrementAndGet()));
            HttpIo.send(ex, reply);
        } catch (IOException | RuntimeException e) {
            ex.close();
        }
    }

    /** Runs the pipeline; null means: close the connection without answering. */
    private Reply process(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String fullPath = ex.getRequestURI().getPath();
        String path = fullPath.length() > PREFIX.length() ? fullPath.substring(PREFIX.length()) : "/";
        stats.apiRequest(method, path, ex.getRequestHeaders().getFirst("User-Agent"));
        if (faults.takeDropBefore()) {
            return null;
        }
        byte[] body = HttpIo.readBody(ex);
        int injected = faults.takeFailure();
        if (injected != 0) {
            faults.applyLatency();
            Reply r = errors.error(injected, ErrorReplies.defaultMessage(injected));
            return injected == 429 ? r.header("Retry-After", "1") : r;
        }
        String token = bearerToken(ex);
        String userGid;
        try {
            userGid = auth.userGid(token);
        } catch (ApiException e) {
            return errors.error(e.status(), e.getMessage());
        }
        long retryAfter = rateLimiter.check(token, System.currentTimeMillis());
        if (retryAfter > 0) {
            return errors.rateLimited(retryAfter);
        }
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        if (!concurrency.acquire(token, write)) {
            return errors.rateLimited(1);
        }
        Reply reply;
        try {
            faults.applyLatency();
            reply = route(ex, method, path, userGid, body);
        } finally {
            concurrency.release(token, write);
        }
        if (faults.takeDropAfter()) {
            return null;
        }
        return reply;
    }

    private Reply route(HttpExchange ex, String method, String path, String userGid, byte[] body) {
        Router.Match m = router.match(method.equals("HEAD") ? "GET" : method, path);
        if (m == null) {
            return errors.error(404, "No matching route for request");
        }
        String origin = HttpIo.origin(ex, fallbackOrigin);
        RenderContext ctx = new RenderContext(origin, a -> downloadUrls.apply(origin, a));
        ApiRequest request = new ApiRequest(method, path, QueryString.parse(ex.getRequestURI().getRawQuery()),
                userGid, origin, body, ex.getRequestHeaders().getFirst("Content-Type"), ctx);
        request.pathParams(m.params);
        try {
            return m.handler.handle(request);
        } catch (ApiException e) {
            return errors.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("asana-sim: internal error on " + method + " " + path + ": " + e);
            return errors.error(500, "Server Error");
        }
    }

    private static String bearerToken(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null) {
            return null;
        }
        String t = h.trim();
        if (t.length() > 7 && t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return t.substring(7).trim();
        }
        return null;
    }
}
