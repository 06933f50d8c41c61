package dev.agentconnector.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentconnector.server.auth.Principal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One incoming request: path parameters, query, headers, and a size-limited body. */
public final class Request {
    /** Beyond the limit, this much more is read and discarded so the client can finish sending and see the 413. */
    private static final long DRAIN_CAP = 16L * 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParams;
    private final int maxBodyBytes;
    private static final int MAX_QUERY_NAME = 100;
    private static final int MAX_QUERY_VALUE = 4096;

    private Map<String, String> query;
    private byte[] body;
    private Principal principal;

    public Request(HttpExchange exchange, Map<String, String> pathParams, int maxBodyBytes) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** A parameter of the route template, e.g. {@code id}. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Query parameters (first value of each); malformed encoding answers 400. */
    public Map<String, String> query() {
        if (query == null) {
            query = parseQuery(exchange.getRequestURI().getRawQuery());
        }
        return query;
    }

    /** The authenticated caller; set for routes that need a bearer token. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("this route is not authenticated");
        }
        return principal;
    }

    void principal(Principal p) {
        this.principal = p;
    }

    /** The body, at most the configured size (else 413). */
    public byte[] body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    /** The body as a JSON object; empty, malformed or non-object bodies answer 400 naming the problem. */
    public ObjectNode jsonObject() {
        byte[] bytes = body();
        if (isBlank(bytes)) {
            throw ApiError.badRequest("invalid_json", "the request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "the request body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("invalid_json", "the request body must be a JSON object, got "
                    + Fields.kind(node));
        }
        return (ObjectNode) node;
    }

    /** Where and what, without echoing input (it may be a secret). */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        if (e instanceof JsonEOFException) {
            what = "unexpected end of input (an unclosed object, array or string)";
        } else if (original.startsWith("Duplicate field")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Duplicate field '([^']{1,100})'")
                    .matcher(original);
            what = m.find() ? "field '" + m.group(1) + "' appears twice" : "a field appears twice";
        } else if (original.contains("Trailing token")) {
            what = "unexpected content after the JSON value";
        } else if (original.contains("Unexpected end-of-input")) {
            what = "unexpected end of input";
        } else if (original.contains("was expecting double-quote")) {
            what = "field names must be double-quoted strings";
        } else if (original.contains("Unexpected character")) {
            what = "unexpected character";
        } else if (original.contains("Unrecognized token")) {
            what = "unrecognized token (strings must be double-quoted)";
        } else if (original.contains("Illegal unquoted character")) {
            what = "control characters in strings must be escaped";
        } else {
            what = "malformed JSON";
        }
        return what + where;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private byte[] readBody() {
        String declared = header("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.strip());
                } catch (NumberFormatException e) {
                    throw ApiError.badRequest("invalid_request", "the Content-Length header is not a number");
                }
                if (length > maxBodyBytes) {
                    drain(in);
                    throw tooLarge();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBodyBytes) {
                    drain(in);
                    throw tooLarge();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_request", "the request body could not be read: the connection "
                    + "failed while it was being sent");
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "the request body is larger than the limit of "
                + maxBodyBytes + " bytes");
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[65536];
        long total = 0;
        try {
            int n;
            while (total < DRAIN_CAP && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // the client went away; the 413 is still the answer
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            checkQueryText(k, k, MAX_QUERY_NAME, "name");
            checkQueryText(k, v, MAX_QUERY_VALUE, "value");
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** Query text gets the checks body strings get: bounded length, no control characters (NUL included). */
    private static void checkQueryText(String name, String text, int max, String what) {
        String shown = Texts.clip(name, 40);
        if (text.length() > max) {
            throw ApiError.badRequest("invalid_request", "query parameter '" + shown + "': the " + what
                    + " must be at most " + max + " characters, got " + text.length());
        }
        int control = Texts.firstControl(text);
        if (control >= 0) {
            throw ApiError.badRequest("invalid_request", "query parameter '" + shown + "': the " + what
                    + " must not contain control characters (got U+" + String.format("%04X", (int) text.charAt(control))
                    + ")");
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_request", "the query string has malformed percent-encoding");
        }
    }
}
