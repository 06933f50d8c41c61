package dev.agentconnector.runtime.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One HTTP response. The body is either fully read ({@link #bytes()}) or, for streamed requests, an open stream
 * ({@link #stream()}) that the receiver must close.
 */
public final class ApiResponse implements AutoCloseable {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] bytes;
    private final InputStream stream;

    private ApiResponse(int status, HttpHeaders headers, byte[] bytes, InputStream stream) {
        this.status = status;
        this.headers = headers;
        this.bytes = bytes;
        this.stream = stream;
    }

    /** A response whose body was read into memory. */
    public static ApiResponse ofBytes(int status, HttpHeaders headers, byte[] body) {
        return new ApiResponse(status, headers, body == null ? new byte[0] : body, null);
    }

    /** A response whose body is still to be read. */
    public static ApiResponse ofStream(int status, HttpHeaders headers, InputStream body) {
        return new ApiResponse(status, headers, null, body);
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The whole body; for a streamed response this reads and closes the stream. */
    public byte[] bytes() {
        if (bytes != null) {
            return bytes;
        }
        try (InputStream in = stream) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a stream. */
    public InputStream stream() {
        return stream != null ? stream : new ByteArrayInputStream(bytes);
    }

    /** The {@code Retry-After} delay (seconds or an HTTP date), if the server sent one. */
    public Optional<Duration> retryAfter() {
        Optional<String> value = header("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().trim();
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** Releases a streamed body without reading it. */
    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing useful to do: the connection is discarded
            }
        }
    }
}
