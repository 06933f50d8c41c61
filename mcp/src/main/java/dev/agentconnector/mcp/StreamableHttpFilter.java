package dev.agentconnector.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.ProtocolVersions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * In front of the MCP endpoint: checks what can be checked before the transport sees a request (path, method,
 * Origin and Host, protocol version header, Content-Type, Accept, the body's JSON and JSON-RPC shape, the session
 * header) and answers a JSON-RPC error itself; for what it lets through, any error status the transport sets is
 * answered with a JSON-RPC error of its own too (the transport's error bodies are dropped). Successful answers,
 * event streams included, pass untouched.
 */
final class StreamableHttpFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(StreamableHttpFilter.class);

    /** The versions the transport accepts in the {@code MCP-Protocol-Version} header. */
    static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
    /** Largest POST body accepted. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Beyond the limit, how much of a body is read and dropped so that its sender can read the 413. */
    static final long DRAIN_CAP_BYTES = 4L * MAX_BODY_BYTES;

    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");
    private static final String ALLOW = "GET, POST, DELETE";
    private static final String SESSION = "Mcp-Session-Id";
    private static final String NO_SESSION = "missing Mcp-Session-Id header: send initialize first, then repeat "
            + "the Mcp-Session-Id it returns on every later request";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String path;
    private final ServerTransportSecurityValidator security;
    private final HttpSessions sessions;
    private final Cancellations cancellations;
    private final ToolNames tools;

    StreamableHttpFilter(String path, ServerTransportSecurityValidator security, HttpSessions sessions,
                         Cancellations cancellations, ToolNames tools) {
        this.tools = tools;
        this.path = path;
        this.security = security;
        this.sessions = sessions;
        this.cancellations = cancellations;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();

        if (!path.equals(request.getRequestURI())) {
            JsonRpcHttpErrors.refuseUnread(request, response, 404, "not found: the MCP endpoint is " + path);
            return;
        }
        try {
            security.validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            int status = e.getStatusCode();
            JsonRpcHttpErrors.refuseUnread(request, response, status, status == 403
                    ? "forbidden: this Origin may not use the server (see the allowed origins option)"
                    : "this Host header is not served here (see the allowed hosts option)");
            return;
        }
        if (!METHODS.contains(method)) {
            response.setHeader("Allow", ALLOW);
            JsonRpcHttpErrors.refuseUnread(request, response, 405,
                    "method not allowed: the MCP endpoint takes " + ALLOW);
            return;
        }
        String version = request.getHeader("MCP-Protocol-Version");
        if (version != null && !PROTOCOL_VERSIONS.contains(version.trim())) {
            JsonRpcHttpErrors.refuseUnread(request, response, 400,
                    "unsupported MCP-Protocol-Version header: this server supports "
                    + String.join(", ", PROTOCOL_VERSIONS));
            return;
        }
        sessions.sweep(request);
        String accept = request.getHeader("Accept");
        String session = request.getHeader(SESSION);
        boolean noSession = session == null || session.isBlank();
        switch (method) {
            case "GET" -> {
                if (!accepts(accept, "text/event-stream")) {
                    JsonRpcHttpErrors.refuseUnread(request, response, 406,
                            "not acceptable: a GET opens an event stream and needs Accept: text/event-stream");
                    return;
                }
                if (noSession) {
                    JsonRpcHttpErrors.refuseUnread(request, response, 400, NO_SESSION);
                    return;
                }
                request = new WithoutLastEventId(request);
            }
            case "DELETE" -> {
                if (noSession) {
                    JsonRpcHttpErrors.refuseUnread(request, response, 400, NO_SESSION);
                    return;
                }
            }
            default -> {
                Buffered buffered = checkPost(request, response, accept, noSession);
                if (buffered == null) {
                    return;
                }
                request = buffered;
            }
        }
        ErrorReplacingResponse wrapped = new ErrorReplacingResponse(response);
        Buffered post = request instanceof Buffered b ? b : null;
        boolean initialize = post != null && post.initialize;
        if (initialize && !sessions.makeRoom(request)) {
            response.setHeader("Retry-After", "5");
            JsonRpcHttpErrors.write(response, 503, "too many sessions: every one of this server's sessions is busy; "
                    + "try again shortly");
            return;
        }
        HttpSessions.Session held = noSession || initialize ? null : sessions.enter(session.trim()).orElse(null);
        String call = null;
        try {
            if (post != null && held != null) {
                call = track(post, held.id, wrapped);
            }
            pass(chain, request, response, wrapped, method);
            if (held != null && wrapped.replaced == 0) {
                if ("GET".equals(method) && request.isAsyncStarted() && wrapped.events != null) {
                    sessions.opened(held, request.getAsyncContext(), wrapped.events);
                } else if ("DELETE".equals(method)) {
                    sessions.deleted(held.id);
                }
            }
            if (initialize && wrapped.replaced == 0 && wrapped.startedSession != null) {
                sessions.started(wrapped.startedSession);
            }
        } finally {
            if (call != null) {
                cancellations.finish(call);
            }
            if (held != null) {
                sessions.leave(held);
            }
        }
    }

    private static void pass(FilterChain chain, HttpServletRequest request, HttpServletResponse response,
                             ErrorReplacingResponse wrapped, String method) throws IOException, ServletException {
        try {
            chain.doFilter(request, wrapped);
        } catch (IOException | ServletException | RuntimeException e) {
            log.warn("the MCP transport failed on a {} request", method, e);
            if (response.isCommitted()) {
                throw e;
            }
            wrapped.replaced = 500;
        }
        if (wrapped.replaced != 0 && !response.isCommitted()) {
            JsonRpcHttpErrors.write(response, wrapped.replaced, messageFor(wrapped.replaced));
        }
    }

    /**
     * A cancellation cancels the request it names; a request becomes cancellable, its key handed to the tool
     * handler through a request attribute (see {@link HttpServer}) and its answer dropped if it is cancelled.
     *
     * @return the key to finish once the request is answered, or null
     */
    private String track(Buffered post, String sessionId, ErrorReplacingResponse wrapped) {
        JsonNode m = post.message;
        if (Cancellations.METHOD.equals(m.path("method").asText())) {
            JsonNode id = Cancellations.requestId(m.get("params"));
            if (id != null && cancellations.cancel(Cancellations.key(sessionId, id))) {
                log.info("request {} of an MCP session cancelled by the client", id);
            }
            return null;
        }
        JsonNode id = m.get("id");
        if (id == null || !m.has("method")) {
            return null;
        }
        String key = Cancellations.key(sessionId, id);
        if (!cancellations.admit(key, wrapped::mute)) {
            return null; // the same id twice at once: the second is not cancellable
        }
        post.setAttribute(Cancellations.CONTEXT_KEY, key);
        return key;
    }

    /** The POST checks; the request with its body buffered, or null when an error answer was written. */
    private Buffered checkPost(HttpServletRequest request, HttpServletResponse response, String accept,
                                      boolean noSession) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            JsonRpcHttpErrors.refuseUnread(request, response, 415,
                    "unsupported media type: POST a JSON-RPC message with "
                    + "Content-Type: application/json");
            return null;
        }
        if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
            JsonRpcHttpErrors.refuseUnread(request, response, 406, "not acceptable: a POST needs "
                    + "Accept: application/json, text/event-stream");
            return null;
        }
        long declared = request.getContentLengthLong();
        byte[] body = declared > MAX_BODY_BYTES ? null : readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            // A body up to a few times the limit is read and dropped first, so that the client, still sending it,
            // can read the answer (closing on unread input would make its side discard it); a larger one is not
            // read at all. Either way the connection ends with the answer.
            if (declared <= DRAIN_CAP_BYTES) {
                drain(request.getInputStream(), DRAIN_CAP_BYTES);
            }
            response.setHeader("Connection", "close");
            JsonRpcHttpErrors.write(response, 413, "request body too large: the limit is " + MAX_BODY_BYTES
                    + " bytes");
            return null;
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || message.isMissingNode()) {
            JsonRpcHttpErrors.write(response, 400, JsonRpcHttpErrors.PARSE_ERROR,
                    "parse error: the body is not one well-formed JSON value", null);
            return null;
        }
        if (message.isArray()) {
            JsonRpcHttpErrors.write(response, 400, "invalid request: batches are not supported over HTTP; "
                    + "POST one JSON-RPC message at a time");
            return null;
        }
        String shape = shapeProblem(message);
        if (shape != null) {
            JsonRpcHttpErrors.write(response, 400, "invalid request: " + shape);
            return null;
        }
        JsonNode methodNode = message.get("method");
        String method = methodNode == null ? null : methodNode.asText();
        boolean initialize = "initialize".equals(method) && message.has("id");
        if (!initialize && noSession) {
            JsonRpcHttpErrors.write(response, 400, NO_SESSION);
            return null;
        }
        String params = method == null ? null : paramsProblem(method, message.get("params"));
        if (params != null) {
            JsonNode id = message.get("id");
            if (id == null) {
                // a notification gets no answer in JSON-RPC; over HTTP the refusal is the answer
                JsonRpcHttpErrors.write(response, 400, JsonRpcHttpErrors.INVALID_PARAMS, "invalid params: " + params,
                        null);
            } else {
                // the request's own error answer, for the client to match to the request
                JsonRpcHttpErrors.write(response, 200, JsonRpcHttpErrors.INVALID_PARAMS, "invalid params: " + params,
                        id);
            }
            return null;
        }
        return new Buffered(request, body, message, initialize);
    }

    /** What makes the object no JSON-RPC 2.0 request, notification or response; null when it is one. */
    private static String shapeProblem(JsonNode m) {
        if (!m.isObject()) {
            return "the body must be a JSON-RPC 2.0 message, a JSON object";
        }
        if (!"2.0".equals(m.path("jsonrpc").textValue())) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        JsonNode id = m.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            return "\"id\" must be a string or an integer";
        }
        JsonNode method = m.get("method");
        if (method != null) {
            return method.isTextual() && !method.textValue().isEmpty() ? null
                    : "\"method\" must be a non-empty string";
        }
        if (id == null || !(m.has("result") || m.has("error"))) {
            return "the message is neither a request (\"method\" and \"id\"), a notification (\"method\") nor a "
                    + "response (\"id\" with \"result\" or \"error\")";
        }
        return null;
    }

    /** What is wrong with a request's params; null when nothing is (as far as the transport can tell). */
    private String paramsProblem(String method, JsonNode params) {
        if (params != null && !params.isObject() && !params.isNull()) {
            return "\"params\" must be an object, got " + kind(params);
        }
        if (!"tools/call".equals(method)) {
            return null;
        }
        if (params == null || params.isNull()) {
            return "tools/call needs \"params\" with the tool's \"name\" and its \"arguments\" object";
        }
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            return "tools/call needs \"params.name\", the tool's name as a string";
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
            return "\"params.arguments\" must be an object of the tool's arguments, got " + kind(arguments);
        }
        return tools.problem(name.textValue());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 400 -> "bad request: not a valid MCP request";
            case 403 -> "forbidden: this Origin may not use the server (see the allowed origins option)";
            case 404 -> "unknown session: the Mcp-Session-Id is not (or no longer) known here; send initialize to "
                    + "start a new session";
            case 405 -> "method not allowed: the MCP endpoint takes " + ALLOW;
            case 413 -> "request body too large: the limit is " + MAX_BODY_BYTES + " bytes";
            case 421 -> "this Host header is not served here (see the allowed hosts option)";
            case 503 -> "the server is shutting down; try again later";
            default -> status >= 500 ? "internal error: the request could not be handled"
                    : "the request was refused (HTTP " + status + ")";
        };
    }

    private static boolean accepts(String accept, String type) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(type);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    /** Up to {@code max} bytes, or null when there are more. */
    private static void drain(InputStream in, long max) {
        byte[] chunk = new byte[65536];
        long total = 0;
        try {
            int n;
            while (total < max && (n = in.read(chunk)) != -1) {
                total += n;
            }
        } catch (IOException clientGone) {
            // the answer is still the 413
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) != -1) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** The request with its body already read. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;
        final JsonNode message;
        final boolean initialize;

        Buffered(HttpServletRequest request, byte[] body, JsonNode message, boolean initialize) {
            super(request);
            this.body = body;
            this.message = message;
            this.initialize = initialize;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /**
     * Passes successful answers through; an error status (set or sent) is recorded instead and its body dropped,
     * for the filter to answer in its place.
     */
    private static final class ErrorReplacingResponse extends HttpServletResponseWrapper {
        int replaced;
        /** The session id the transport gave an initialize answer. */
        String startedSession;
        /** The writer handed to the transport, once it asked for one. */
        EventWriter events;

        ErrorReplacingResponse(HttpServletResponse response) {
            super(response);
        }

        /** Drops whatever the transport still writes (the request it answers was cancelled). */
        void mute() {
            EventWriter w = events;
            if (w != null) {
                w.muted = true;
            }
            muted = true;
        }

        private volatile boolean muted;

        @Override
        public void setHeader(String name, String value) {
            if (SESSION.equalsIgnoreCase(name)) {
                startedSession = value;
            }
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (SESSION.equalsIgnoreCase(name)) {
                startedSession = value;
            }
            super.addHeader(name, value);
        }

        @Override
        public void setStatus(int sc) {
            if (sc >= 400) {
                replaced = sc;
            } else {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc, String msg) {
            replaced = sc;
        }

        @Override
        public void sendError(int sc) {
            replaced = sc;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return replaced != 0 ? DiscardedResponse.NOWHERE : super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (replaced != 0) {
                return new PrintWriter(Writer.nullWriter());
            }
            if (events == null) {
                events = new EventWriter(super.getWriter());
                events.muted = muted;
            }
            return events;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (replaced == 0) {
                super.flushBuffer();
            }
        }
    }

    /**
     * The writer the transport writes event streams (and JSON answers) with. It numbers events: the transport gives
     * every event of a stream the same id (its session's), and ids must tell a stream's events apart. Once muted
     * (the request was cancelled) it writes nothing more.
     */
    static final class EventWriter extends PrintWriter {
        private long next;
        volatile boolean muted;

        EventWriter(PrintWriter out) {
            super(out);
        }

        @Override
        public void write(String s) {
            if (muted) {
                return;
            }
            if (s.startsWith("id: ") && s.endsWith("\n") && s.indexOf('\n') == s.length() - 1) {
                synchronized (lock) {
                    super.write("id: " + (++next) + "\n");
                }
                return;
            }
            super.write(s);
        }

        @Override
        public void write(String s, int off, int len) {
            if (!muted) {
                super.write(s, off, len);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) {
            if (!muted) {
                super.write(buf, off, len);
            }
        }

        @Override
        public void write(int c) {
            if (!muted) {
                super.write(c);
            }
        }

        @Override
        public void flush() {
            if (!muted) {
                super.flush();
            }
        }
    }

    /**
     * A GET without {@code Last-Event-ID}: this server numbers events itself and keeps none to replay, so a
     * reconnecting client gets a new stream of what happens from now on.
     */
    private static final class WithoutLastEventId extends HttpServletRequestWrapper {
        WithoutLastEventId(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Last-Event-ID".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Last-Event-ID".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String n : Collections.list(super.getHeaderNames())) {
                if (!"Last-Event-ID".equalsIgnoreCase(n)) {
                    names.add(n);
                }
            }
            return Collections.enumeration(names);
        }
    }
}
