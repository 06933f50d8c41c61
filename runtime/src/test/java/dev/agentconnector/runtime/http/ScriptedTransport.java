package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.TransportException;

import java.net.http.HttpHeaders;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A transport that answers from a script and records what it was sent; for unit tests of the decorators. */
public final class ScriptedTransport implements Transport {
    private final Deque<Supplier<ApiResponse>> script = new ArrayDeque<>();
    private final List<ApiRequest> sent = Collections.synchronizedList(new ArrayList<>());

    public ScriptedTransport then(int status, Map<String, List<String>> headers, String body) {
        script.add(() -> response(status, headers, body));
        return this;
    }

    public ScriptedTransport then(int status) {
        return then(status, Map.of(), "{}");
    }

    public ScriptedTransport thenFail(boolean mayHaveReachedServer) {
        script.add(() -> {
            throw new TransportException("scripted failure", mayHaveReachedServer, new java.io.IOException("x"));
        });
        return this;
    }

    public static ApiResponse response(int status, Map<String, List<String>> headers, String body) {
        return ApiResponse.ofBytes(status, HttpHeaders.of(headers, (a, b) -> true),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public synchronized ApiResponse send(ApiRequest request) {
        sent.add(request);
        Supplier<ApiResponse> next = script.poll();
        if (next == null) {
            throw new AssertionError("unexpected extra request " + request);
        }
        return next.get();
    }

    public List<ApiRequest> sent() {
        return sent;
    }
}
