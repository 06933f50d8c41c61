package dev.agentconnector.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.auth.Principal;
import jakarta.servlet.http.HttpServletRequest;

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
    private final HttpServletRequest exchange;
    private final Map<String, String> pathParams;
    private final int maxBodyBytes;
    private static final int MAX_QUERY_NAME = 100;
    private static final int MAX_QUERY_VALUE = 4096;

    private Map<String, String> query;
    private byte[] body;
    private Principal principal;

    public Request(HttpServletRequest exchange, Map<String, String> pathParams, int maxBodyBytes) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String method() {
        return exchange.getMethod();
    }

    /** A parameter of the route template, e.g. {@code id}. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return exchange.getHeader(name);
    }

    /** Query parameters (first value of each); malformed encoding answers 400. */
    public Map<String, String> query() {
        if (query == null) {
            query = parseQuery(exchange.getQueryString());
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

    /**
     * Reads the body up to the limit. A declared length beyond it is refused before a byte is read; a chunked body
     * that grows beyond it is refused as soon as it does. Either way the connection is closed after the 413, so the
     * rest is never read.
     */
    private byte[] readBody() {
        long declared = exchange.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getInputStream()) {
            if (declared >= 0) {
                byte[] bytes = in.readNBytes((int) declared);
                if (bytes.length < declared) {
                    throw new IOException("the body ended before its Content-Length");
                }
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBodyBytes) {
                    throw tooLarge();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_request", "the request body could not be read: the connection "
                    + "failed or timed out while it was being sent");
        }
    }

    /**
     * Reads and drops a body the handler did not read, up to the size limit, so that the connection can carry the
     * answer and the next request (closing a socket with unread input makes the peer's stack discard the answer).
     *
     * @return false when the body is larger than the limit or unreadable: the connection should then be closed
     */
    boolean discardUnread() {
        if (body != null) {
            return true;
        }
        long declared = exchange.getContentLengthLong();
        if (declared == 0 || declared < 0 && exchange.getHeader("Transfer-Encoding") == null) {
            return true;
        }
        if (declared > maxBodyBytes) {
            return false;
        }
        try (InputStream in = exchange.getInputStream()) {
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBodyBytes) {
                    return false;
                }
            }
            body = new byte[0];
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "the request body is larger than the limit of "
                + maxBodyBytes + " bytes").header("Connection", "close");
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
