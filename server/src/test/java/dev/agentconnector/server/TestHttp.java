package dev.agentconnector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small HTTP client for the tests that remembers every answer body it received. */
final class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        /** {@code errors[0].error_code} of an {@code ApiErrorResponse}, after checking the body has that shape. */
        String errorCode() {
            return apiError().path("errors").path(0).path("error_code").asText(null);
        }

        /** {@code message} of an {@code ApiErrorResponse}. */
        String errorMessage() {
            return apiError().path("message").asText(null);
        }

        /** The body, checked to be the platform's {@code {message, errors: [{field, message, error_code, details}]}}. */
        JsonNode apiError() {
            JsonNode j = json();
            if (status < 400) {
                return MissingNode.getInstance();
            }
            JsonNode first = j.path("errors").path(0);
            if (!j.path("message").isTextual() || j.path("errors").size() != 1 || !first.has("field")
                    || !first.path("message").isTextual() || !first.path("error_code").isTextual()
                    || !first.path("details").isObject()) {
                throw new AssertionError("not an ApiErrorResponse (status " + status + "): " + body);
            }
            return j;
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    /** Every answer body received so far. */
    List<String> bodies() {
        return bodies;
    }

    Answer send(String method, String url, String token, String body) {
        return send(method, url, token, body, null);
    }

    Answer send(String method, String url, String token, String body, String orgHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (orgHeader != null) {
            b.header("X-Organization-Id", orgHeader);
        }
        return send(b.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            bodies.add(r.body());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String url, String token) {
        return send("GET", url, token, null);
    }

    Answer post(String url, String token, String body) {
        return send("POST", url, token, body);
    }

    Answer post(String url, String token, JsonNode body) {
        return send("POST", url, token, body.toString());
    }

    Answer patch(String url, String token, JsonNode body) {
        return send("PATCH", url, token, body.toString());
    }

    Answer put(String url, String token, JsonNode body) {
        return send("PUT", url, token, body.toString());
    }

    Answer delete(String url, String token) {
        return send("DELETE", url, token, null);
    }
}
