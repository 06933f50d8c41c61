package dev.agentconnector.http;

/**
 * Writes an error answer in the caller's own format (a REST error object, a JSON-RPC error), for the errors the HTTP
 * layer raises itself: a malformed request line, headers too large, a request refused during shutdown.
 */
@FunctionalInterface
public interface ErrorBody {
    /** The body to send: its content type and bytes. */
    record Rendered(String contentType, byte[] bytes) {
    }

    /**
     * @param status  the HTTP status
     * @param code    a stable, machine-readable code, e.g. {@code headers_too_large}
     * @param message a sentence for people, naming the problem and the fix; never holds request content
     */
    Rendered render(int status, String code, String message);
}
