package dev.agentconnector.runtime.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as the transport stack sees it. Immutable; {@link #withHeader} returns a copy.
 *
 * @param operation  {@code entity.action} for messages, or a short label such as {@code oauth.refresh}
 * @param method     HTTP method
 * @param uri        absolute URI
 * @param headers    headers to send (no {@code Authorization}: the auth layer adds it)
 * @param body       request body, or null
 * @param streamBody whether the response body should be handed over as a stream (downloads)
 * @param retrySafe  whether repeating the request cannot change the outcome; null to judge by the method
 */
public record ApiRequest(String operation, String method, URI uri, Map<String, String> headers, byte[] body,
                         boolean streamBody, Boolean retrySafe) {

    public ApiRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A request whose safety to repeat is judged by its method. */
    public ApiRequest(String operation, String method, URI uri, Map<String, String> headers, byte[] body,
                      boolean streamBody) {
        this(operation, method, uri, headers, body, streamBody, null);
    }

    /**
     * True when the request may be repeated without changing the outcome: as declared, or by method (GET, HEAD,
     * PUT, DELETE, OPTIONS).
     */
    public boolean idempotent() {
        if (retrySafe != null) {
            return retrySafe;
        }
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
    }

    /** True for requests that change data (anything but GET, HEAD and OPTIONS). */
    public boolean isWrite() {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    /** A copy with one header added or replaced. */
    public ApiRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiRequest(operation, method, uri, copy, body, streamBody, retrySafe);
    }

    @Override
    public String toString() {
        return method + " " + uri.getRawPath();
    }
}
