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
import jakarta.servlet.WriteListener;
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

    StreamableHttpFilter(String path, ServerTransportSecurityValidator security) {
        this.path = path;
        this.security = security;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();

        if (!path.equals(request.getRequestURI())) {
            JsonRpcHttpErrors.write(response, 404, "not found: the MCP endpoint is " + path);
            return;
        }
        try {
            security.validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            int status = e.getStatusCode();
            JsonRpcHttpErrors.write(response, status, status == 403
                    ? "forbidden: this Origin may not use the server (see the allowed origins option)"
                    : "this Host header is not served here (see the allowed hosts option)");
            return;
        }
        if (!METHODS.contains(method)) {
            response.setHeader("Allow", ALLOW);
            JsonRpcHttpErrors.write(response, 405, "method not allowed: the MCP endpoint takes " + ALLOW);
            return;
        }
        String version = request.getHeader("MCP-Protocol-Version");
        if (version != null && !PROTOCOL_VERSIONS.contains(version.trim())) {
            JsonRpcHttpErrors.write(response, 400, "unsupported MCP-Protocol-Version header: this server supports "
                    + String.join(", ", PROTOCOL_VERSIONS));
            return;
        }
        String accept = request.getHeader("Accept");
        String session = request.getHeader(SESSION);
        boolean noSession = session == null || session.isBlank();
        switch (method) {
            case "GET" -> {
                if (!accepts(accept, "text/event-stream")) {
                    JsonRpcHttpErrors.write(response, 406,
                            "not acceptable: a GET opens an event stream and needs Accept: text/event-stream");
                    return;
                }
                if (noSession) {
                    JsonRpcHttpErrors.write(response, 400, NO_SESSION);
                    return;
                }
            }
            case "DELETE" -> {
                if (noSession) {
                    JsonRpcHttpErrors.write(response, 400, NO_SESSION);
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

    /** The POST checks; the request with its body buffered, or null when an error answer was written. */
    private static Buffered checkPost(HttpServletRequest request, HttpServletResponse response, String accept,
                                      boolean noSession) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            JsonRpcHttpErrors.write(response, 415, "unsupported media type: POST a JSON-RPC message with "
                    + "Content-Type: application/json");
            return null;
        }
        if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
            JsonRpcHttpErrors.write(response, 406, "not acceptable: a POST needs "
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
        return new Buffered(request, body);
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
    private static String paramsProblem(String method, JsonNode params) {
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
        return null;
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

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
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

        ErrorReplacingResponse(HttpServletResponse response) {
            super(response);
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
            return replaced != 0 ? DISCARD_STREAM : super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return replaced != 0 ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (replaced == 0) {
                super.flushBuffer();
            }
        }
    }

    private static final ServletOutputStream DISCARD_STREAM = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    };
}
