package dev.agentconnector.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The MCP stdio transport: one session, newline-delimited JSON-RPC read from {@code in} and written to {@code out}.
 *
 * <p>No input stops it. Blank lines are skipped; a line that is not JSON is answered with a parse error (-32700), and
 * JSON that is not a JSON-RPC request, notification or response with an invalid-request error (-32600), both with
 * {@code id: null} unless the line held a usable id; a line longer than the cap is skipped and answered -32600. A
 * request other than {@code initialize} or {@code ping} before the session is initialized is answered -32600 (the
 * SDK's session would otherwise hold it forever). A batch (a JSON array) is served as JSON-RPC 2.0 says when the
 * negotiated protocol version is 2025-03-26, the one version that has batches, and refused with -32600 otherwise.
 *
 * <p>One thread reads, one thread writes (so lines never interleave). At the end of the input the requests in
 * progress get up to {@code drainTimeout} to be answered, those still running then are answered with an error, the
 * output is flushed, and {@link #awaitFinished()} returns. Internal errors reach the client as a plain message; their
 * detail goes to the log (stderr).
 */
final class StdioTransport implements McpServerTransportProvider {
    /** Lines longer than this are skipped and answered with an error. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    private static final String BATCH_VERSION = ProtocolVersions.MCP_2025_03_26;
    private static final Object STOP = new Object();
    /** Requests this server serves that cannot go without params (the SDK would fail on them internally). */
    private static final Set<String> NEEDS_PARAMS = Set.of(McpSchema.METHOD_INITIALIZE, McpSchema.METHOD_TOOLS_CALL);

    private final McpJsonMapper sdkJson;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final InputStream in;
    private final OutputStream out;
    private final Duration drainTimeout;
    private final int maxLineBytes;
    private final Cancellations cancellations;
    private final ToolNames tools;

    private final BlockingQueue<Object> outbound = new LinkedBlockingQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lock = new Object();
    /** Requests passed to the session and not yet answered, by id (as JSON text). Guarded by {@link #lock}. */
    private final Map<String, Pending> pending = new HashMap<>();
    private final SessionTransport sessionTransport = new SessionTransport();

    private volatile McpServerSession session;
    private volatile boolean initializeSeen;
    private volatile boolean initialized;
    private volatile String protocolVersion;
    /** Set once the session is over: no more input is taken and output is dropped. */
    private volatile boolean closed;
    private volatile Thread writer;

    private record Pending(String method, Batch batch) {
    }

    /** The answers to one batch, written together as one array once every request in it is answered. */
    private static final class Batch {
        final List<String> answers = new ArrayList<>();
        int expected;
        boolean sealed;

        boolean complete() {
            return sealed && answers.size() == expected;
        }
    }

    StdioTransport(McpJsonMapper sdkJson, InputStream in, OutputStream out, Duration drainTimeout, int maxLineBytes,
                   Cancellations cancellations, ToolNames tools) {
        this.cancellations = cancellations;
        this.tools = tools;
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("the drain timeout must be zero or more, got " + drainTimeout);
        }
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("the line cap must be at least 1 byte, got " + maxLineBytes);
        }
        this.sdkJson = sdkJson;
        this.in = in;
        this.out = out;
        this.drainTimeout = drainTimeout;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        if (session != null) {
            throw new IllegalStateException("the stdio transport serves one session");
        }
        session = sessionFactory.create(sessionTransport);
        writer = new Thread(this::writeLoop, "mcp-stdio-writer");
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(this::readLoop, "mcp-stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        McpServerSession s = session;
        return s == null || !s.getId().equals(sessionId) ? Mono.empty() : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    /** Blocks until the session is over: the input ended (and what was in progress was answered) or was closed. */
    void awaitFinished() throws InterruptedException {
        finished.await();
    }

    // ---- input ----

    private void readLoop() {
        LineReader lines = new LineReader(in, maxLineBytes);
        try {
            for (LineReader.Line line = lines.next(); line != null && !closed; line = lines.next()) {
                try {
                    handleLine(line);
                } catch (RuntimeException e) {
                    log.warn("stdin line {} could not be handled", line.number(), e);
                    write(error(NullNode.instance, ErrorCodes.INTERNAL_ERROR, "Internal error: line " + line.number()
                            + " could not be handled; the server's log (stderr) has the details"));
                }
            }
        } catch (IOException e) {
            if (!closed) {
                log.warn("stdin could not be read ({}); ending the session", e.getMessage());
            }
        } finally {
            drainAndFinish();
        }
    }

    private void handleLine(LineReader.Line line) {
        if (line.tooLong()) {
            log.warn("stdin line {} is longer than {} bytes; skipped", line.number(), maxLineBytes);
            write(error(NullNode.instance, ErrorCodes.INVALID_REQUEST, "Invalid Request: line " + line.number()
                    + " is longer than the limit of " + describeBytes(maxLineBytes) + "; it was skipped"));
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.bytes())).toString();
        } catch (CharacterCodingException e) {
            log.warn("stdin line {} is not valid UTF-8", line.number());
            write(error(NullNode.instance, ErrorCodes.PARSE_ERROR, "Parse error: line " + line.number()
                    + " is not valid UTF-8"));
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            log.warn("stdin line {} is not valid JSON (column {})", line.number(), column);
            write(error(NullNode.instance, ErrorCodes.PARSE_ERROR, "Parse error: line " + line.number()
                    + " is not valid JSON" + (column > 0 ? " (at column " + column + ")" : "")
                    + "; each line must hold one complete JSON-RPC message"));
            return;
        }
        if (node.isArray()) {
            handleBatch(line.number(), node);
        } else {
            ObjectNode answer = admit(line.number(), node, null);
            if (answer != null) {
                write(answer);
            }
        }
    }

    private void handleBatch(long number, JsonNode array) {
        String version = protocolVersion;
        if (!BATCH_VERSION.equals(version)) {
            log.warn("stdin line {} is a batch, refused (protocol version {})", number, version);
            write(error(NullNode.instance, ErrorCodes.INVALID_REQUEST, version == null
                    ? "Invalid Request: batches are not accepted before initialization (and only in protocol version "
                    + BATCH_VERSION + "); send each message on its own line"
                    : "Invalid Request: batches are not supported in protocol version " + version
                    + " (only in " + BATCH_VERSION + "); send each message on its own line"));
            return;
        }
        if (array.isEmpty()) {
            write(error(NullNode.instance, ErrorCodes.INVALID_REQUEST, "Invalid Request: the batch is empty"));
            return;
        }
        Batch batch = new Batch();
        for (JsonNode element : array) {
            ObjectNode answer = admit(number, element, batch);
            if (answer != null) {
                synchronized (lock) {
                    batch.expected++;
                    batch.answers.add(answer.toString());
                }
            }
        }
        synchronized (lock) {
            batch.sealed = true;
            if (batch.complete() && batch.expected > 0) {
                write("[" + String.join(",", batch.answers) + "]");
            }
        }
    }

    /**
     * Checks one message and hands it to the session; returns the answer the transport gives itself (an error, or a
     * ping's result before initialization), or null when there is none to give now.
     */
    private ObjectNode admit(long number, JsonNode node, Batch batch) {
        if (!node.isObject()) {
            log.warn("stdin line {}: not a JSON-RPC message ({})", number, kind(node));
            return error(NullNode.instance, ErrorCodes.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is a "
                    + "JSON object, got " + kind(node));
        }
        JsonNode id = node.get("id");
        boolean usableId = id != null && (id.isTextual() || id.isNumber());
        JsonNode replyId = usableId ? id : NullNode.instance;
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals(McpSchema.JSONRPC_VERSION)) {
            return invalid(number, replyId, "\"jsonrpc\" must be \"2.0\"");
        }
        if (id != null && !usableId && !id.isNull()) {
            return invalid(number, replyId, "\"id\" must be a string or a number, got " + kind(id));
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isTextual()) {
                return invalid(number, replyId, "\"method\" must be a string, got " + kind(method));
            }
            if (id != null && id.isNull()) {
                return invalid(number, replyId, "\"id\" must be a string or a number, got null");
            }
            JsonNode params = node.get("params");
            if (params != null && params.isNull()) {
                params = null;
            }
            if (params != null && !params.isObject()) {
                if (id == null) {
                    log.warn("stdin line {}: notification {} dropped: its params are not an object", number,
                            method.asText());
                    return null;
                }
                log.warn("stdin line {}: {} refused: its params are not an object", number, method.asText());
                return error(replyId, ErrorCodes.INVALID_PARAMS, "Invalid params: \"params\" must be a JSON object, "
                        + "got " + kind(params));
            }
            if (params == null && id != null && NEEDS_PARAMS.contains(method.asText())) {
                log.warn("stdin line {}: {} refused: it has no params", number, method.asText());
                return error(replyId, ErrorCodes.INVALID_PARAMS, "Invalid params: \"" + method.asText()
                        + "\" needs \"params\"");
            }
            if (id != null && McpSchema.METHOD_TOOLS_CALL.equals(method.asText())) {
                JsonNode name = params.get("name");
                JsonNode arguments = params.get("arguments");
                if (name == null || !name.isTextual()) {
                    return invalidParams(number, replyId, method.asText(), "\"params.name\" must be the tool's name");
                }
                String unknown = tools.problem(name.textValue());
                if (unknown != null) {
                    return invalidParams(number, replyId, method.asText(), unknown);
                }
                if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                    return invalidParams(number, replyId, method.asText(), "\"params.arguments\" must be a JSON "
                            + "object, got " + kind(arguments));
                }
            }
            Object sdkParams = params == null ? null : sdkJson.convertValue(params, Object.class);
            return id == null ? admitNotification(number, new JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                    method.asText(), sdkParams))
                    : admitRequest(number, id, new JSONRPCRequest(McpSchema.JSONRPC_VERSION, method.asText(),
                    sdkJson.convertValue(id, Object.class), sdkParams), batch);
        }
        JsonNode result = node.get("result");
        JsonNode error = node.get("error");
        if (result == null && error == null) {
            return invalid(number, replyId, "a message needs \"method\" (a request or notification) or \"result\" "
                    + "or \"error\" (a response)");
        }
        if (result != null && error != null) {
            return invalid(number, replyId, "a response has \"result\" or \"error\", not both");
        }
        if (id == null || (id.isNull() && error == null)) {
            return invalid(number, replyId, "a response needs the \"id\" of the request it answers");
        }
        JSONRPCResponse.JSONRPCError sdkError = null;
        if (error != null) {
            JsonNode code = error.path("code");
            JsonNode message = error.path("message");
            if (!error.isObject() || !code.canConvertToExactIntegral() || !code.canConvertToInt()
                    || !message.isTextual()) {
                return invalid(number, replyId, "\"error\" must be an object with an integer \"code\" and a string "
                        + "\"message\"");
            }
            JsonNode data = error.get("data");
            sdkError = new JSONRPCResponse.JSONRPCError(code.asInt(), message.asText(),
                    data == null ? null : sdkJson.convertValue(data, Object.class));
        }
        dispatch(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, id.isNull() ? null : sdkJson.convertValue(id,
                Object.class), result == null ? null : sdkJson.convertValue(result, Object.class), sdkError), null);
        return null;
    }

    private ObjectNode admitRequest(long number, JsonNode id, JSONRPCRequest request, Batch batch) {
        String method = request.method();
        boolean initialize = McpSchema.METHOD_INITIALIZE.equals(method);
        if (initialize && batch != null) {
            return invalid(number, id, "\"initialize\" must not be part of a batch");
        }
        if (!initialize && !initialized) {
            if (McpSchema.METHOD_PING.equals(method)) {
                ObjectNode pong = message(id);
                pong.putObject("result");
                return pong;
            }
            log.warn("stdin line {}: {} before the session was initialized", number, method);
            return error(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: the session is not initialized; send "
                    + "\"initialize\", then the \"notifications/initialized\" notification, before \"" + method + "\"");
        }
        String key = id.toString();
        synchronized (lock) {
            if (pending.containsKey(key)) {
                log.warn("stdin line {}: id {} is already in use by a request in progress", number, key);
                return error(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: id " + key + " is already used by a "
                        + "request in progress");
            }
            pending.put(key, new Pending(method, batch));
            if (batch != null) {
                batch.expected++;
            }
            cancellations.admit(Cancellations.key(null, key), null);
        }
        if (initialize) {
            initializeSeen = true;
        }
        dispatch(request, key);
        return null;
    }

    private ObjectNode admitNotification(long number, JSONRPCNotification notification) {
        if (McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
            if (!initializeSeen) {
                log.warn("stdin line {}: notifications/initialized before initialize; dropped", number);
                return null;
            }
            initialized = true;
        } else if (!initialized) {
            log.warn("stdin line {}: notification {} before the session was initialized; dropped", number,
                    notification.method());
            return null;
        } else if (Cancellations.METHOD.equals(notification.method())) {
            cancel(number, notification.params());
            return null;
        }
        dispatch(notification, null);
        return null;
    }

    /**
     * {@code notifications/cancelled}: stops the request it names, if it is still in progress, and makes sure no
     * answer goes out for it. Unknown or finished ids are ignored, as the protocol asks.
     */
    private void cancel(long number, Object params) {
        JsonNode id = Cancellations.requestId(params == null ? null : json.valueToTree(params));
        if (id == null) {
            log.warn("stdin line {}: notifications/cancelled without a string or integer requestId; ignored", number);
            return;
        }
        if (cancellations.cancel(Cancellations.key(null, id))) {
            log.info("request {} cancelled by the client", id);
        }
    }

    /** Hands a message to the session; a request whose handling fails without an answer is answered here. */
    private void dispatch(JSONRPCMessage message, String key) {
        try {
            Mono<Void> handled = session.handle(message);
            if (key != null) {
                McpTransportContext context = Cancellations.context(Cancellations.key(null, key));
                handled = handled.contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context));
            }
            handled.subscribe(null, e -> failed(key, e));
        } catch (RuntimeException e) {
            failed(key, e);
        }
    }

    private void failed(String key, Throwable e) {
        log.warn("a message could not be handled", e);
        if (key == null) {
            return;
        }
        synchronized (lock) {
            Pending p = pending.remove(key);
            String call = Cancellations.key(null, key);
            if (p != null && !cancellations.cancelled(call)) {
                answer(p, error(idNode(key), ErrorCodes.INTERNAL_ERROR, internalErrorMessage(p.method())).toString());
            }
            cancellations.finish(call);
            lock.notifyAll();
        }
    }

    private ObjectNode invalidParams(long number, JsonNode replyId, String method, String why) {
        log.warn("stdin line {}: {} refused: {}", number, method, why);
        return error(replyId, ErrorCodes.INVALID_PARAMS, "Invalid params: " + why);
    }

    private ObjectNode invalid(long number, JsonNode replyId, String why) {
        log.warn("stdin line {}: invalid request: {}", number, why);
        return error(replyId, ErrorCodes.INVALID_REQUEST, "Invalid Request: " + why);
    }

    // ---- end of input ----

    private void drainAndFinish() {
        synchronized (lock) {
            if (!pending.isEmpty() && !closed) {
                log.info("stdin closed with {} request(s) in progress; waiting up to {} ms for them", pending.size(),
                        drainTimeout.toMillis());
            }
            long deadline = System.nanoTime() + drainTimeout.toNanos();
            while (!pending.isEmpty() && !closed) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                String call = Cancellations.key(null, e.getKey());
                boolean byClient = cancellations.cancelled(call);
                cancellations.cancel(call); // the server stops: nothing more goes to Asana for it
                cancellations.finish(call);
                if (byClient) {
                    continue; // a cancelled request gets no answer
                }
                log.warn("request {} ({}) still in progress {} ms after stdin closed; answered with an error",
                        e.getKey(), e.getValue().method(), drainTimeout.toMillis());
                answer(e.getValue(), error(idNode(e.getKey()), ErrorCodes.INTERNAL_ERROR, "Internal error: \""
                        + e.getValue().method() + "\" did not finish within " + drainTimeout.toMillis()
                        + " ms of the input closing; the server stopped").toString());
            }
            pending.clear();
        }
        finish();
    }

    /** Flushes what is queued for output, stops the threads' work and releases {@link #awaitFinished()}. */
    private void finish() {
        if (finished.getCount() == 0) {
            return;
        }
        stopWriter();
        closed = true;
        finished.countDown();
    }

    // ---- output ----

    /** Takes a message from the session: answers go to the request they answer (or its batch), the rest out. */
    private void send(JSONRPCMessage message) throws IOException {
        if (!(message instanceof JSONRPCResponse response)) {
            write(sdkJson.writeValueAsString(message));
            return;
        }
        String key = response.id() == null ? null : json.valueToTree(response.id()).toString();
        Pending p;
        synchronized (lock) {
            p = key == null ? null : pending.get(key);
        }
        if (p == null) {
            log.debug("an answer to {} is no longer awaited; dropped", key);
            return;
        }
        String call = Cancellations.key(null, key);
        if (cancellations.cancelled(call)) {
            log.debug("the answer to cancelled request {} is dropped", key);
            synchronized (lock) {
                pending.remove(key, p);
                cancellations.finish(call);
                lock.notifyAll();
            }
            return;
        }
        JSONRPCResponse.JSONRPCError error = response.error();
        if (error != null && error.code() != null && error.code() == ErrorCodes.INTERNAL_ERROR) {
            log.warn("{} failed: {}", p.method(), error.message());
            response = new JSONRPCResponse(McpSchema.JSONRPC_VERSION, response.id(), null,
                    new JSONRPCResponse.JSONRPCError(ErrorCodes.INTERNAL_ERROR, internalErrorMessage(p.method()),
                            null));
        }
        if (McpSchema.METHOD_INITIALIZE.equals(p.method()) && response.result() != null) {
            protocolVersion = response.result() instanceof McpSchema.InitializeResult r ? r.protocolVersion()
                    : json.valueToTree(response.result()).path("protocolVersion").asText(null);
        }
        String line;
        try {
            line = sdkJson.writeValueAsString(response);
        } catch (IOException | RuntimeException e) {
            log.warn("the answer to {} ({}) could not be serialized", key, p.method(), e);
            line = error(json.valueToTree(response.id()), ErrorCodes.INTERNAL_ERROR,
                    internalErrorMessage(p.method())).toString();
        }
        // taken off the pending list and queued for output in one step, so that the end of input cannot come between
        synchronized (lock) {
            if (pending.remove(key) == p) {
                answer(p, line);
            }
            cancellations.finish(call);
            lock.notifyAll();
        }
    }

    /** Queues the answer to {@code p}, or adds it to its batch and queues the batch once complete. Holds the lock. */
    private void answer(Pending p, String line) {
        if (p.batch() == null) {
            write(line);
            return;
        }
        p.batch().answers.add(line);
        if (p.batch().complete()) {
            write("[" + String.join(",", p.batch().answers) + "]");
        }
    }

    private void write(ObjectNode message) {
        write(message.toString());
    }

    private void write(String line) {
        if (closed) {
            log.debug("output closed; dropped {}", line);
            return;
        }
        // compact JSON has newlines only as escapes; a raw one could only be whitespace between tokens
        outbound.offer(line.indexOf('\n') < 0 && line.indexOf('\r') < 0 ? line
                : line.replace('\n', ' ').replace('\r', ' '));
    }

    private void writeLoop() {
        try {
            while (true) {
                Object item = outbound.take();
                if (item == STOP) {
                    out.flush();
                    return;
                }
                out.write(((String) item).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                if (outbound.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            log.warn("stdout could not be written ({}); ending the session", e.getMessage());
            closed = true;
            outbound.clear();
            finished.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- helpers ----

    private ObjectNode message(JsonNode id) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        m.set("id", id);
        return m;
    }

    private ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode m = message(id);
        ObjectNode e = m.putObject("error");
        e.put("code", code);
        e.put("message", text);
        return m;
    }

    private JsonNode idNode(String key) {
        try {
            return json.readTree(key);
        } catch (JsonProcessingException e) {
            return NullNode.instance;
        }
    }

    private static String internalErrorMessage(String method) {
        return "Internal error: \"" + method + "\" failed; the server's log (stderr) has the details";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    private static String describeBytes(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    /** The session's side of the transport: what the SDK sends goes through {@link #send}. */
    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                try {
                    send(message);
                } catch (IOException e) {
                    throw new IllegalStateException("a message could not be serialized", e);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return sdkJson.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(StdioTransport.this::closeNow);
        }

        @Override
        public void close() {
            StdioTransport.this.closeNow();
        }
    }

    /** Ends the session from this side: queued output is flushed, further input is ignored. */
    private void closeNow() {
        if (finished.getCount() == 0) {
            return;
        }
        synchronized (lock) {
            closed = true; // stops the reader and any drain; output already queued is still written
            lock.notifyAll();
        }
        // write() drops once closed, but what was queued before goes out: the writer stops at STOP
        stopWriter();
        finished.countDown();
    }

    /** Lets the writer send what is queued, then stop; waits up to 10 s for it unless called on the writer. */
    private void stopWriter() {
        outbound.offer(STOP);
        Thread w = writer;
        if (w != null && w != Thread.currentThread()) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
