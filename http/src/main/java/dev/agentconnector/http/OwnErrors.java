package dev.agentconnector.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Answers the errors Jetty raises itself (bad request line, headers too large, refused during shutdown, failures
 * outside any handler) in the caller's {@link ErrorBody} format, with our own wording: Jetty's reason phrases and
 * exception texts never reach the client. Each such answer closes its connection, and says so.
 */
final class OwnErrors extends ErrorHandler {
    private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final HttpField CLOSE = new HttpField(HttpHeader.CONNECTION, "close");

    private final ErrorBody body;
    private final int maxRequestHeaderBytes;

    OwnErrors(ErrorBody body, int maxRequestHeaderBytes) {
        this.body = body;
        this.maxRequestHeaderBytes = maxRequestHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(ERROR_STATUS);
        int status = attribute instanceof Integer i ? i : response.getStatus();
        if (status < 400 || status > 599) {
            status = 500;
        }
        ErrorBody.Rendered rendered = render(status);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, rendered.contentType());
        headers.put(NO_STORE);
        headers.put("X-Content-Type-Options", "nosniff");
        // after some of these Jetty drops the connection without saying so, and a client reusing it would send its
        // next request into a closed socket: say it, and close it every time
        headers.put(CLOSE);
        response.write(true, ByteBuffer.wrap(rendered.bytes()), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ErrorBody.Rendered rendered = render(status);
        fields.put(HttpHeader.CONTENT_TYPE, rendered.contentType());
        fields.put(NO_STORE);
        fields.put(CLOSE);
        return ByteBuffer.wrap(rendered.bytes());
    }

    ErrorBody.Rendered render(int status) {
        return switch (status) {
            case 400 -> body.render(400, "bad_request", "the request is not valid HTTP: check the request line, "
                    + "the headers and the URL's percent-encoding");
            case 404 -> body.render(404, "not_found", "no endpoint at this path");
            case 405 -> body.render(405, "method_not_allowed", "this method is not supported here");
            case 408 -> body.render(408, "request_timeout", "the request was not received in time; send it again");
            case 413 -> body.render(413, "payload_too_large", "the request body is larger than the limit");
            case 414 -> body.render(414, "uri_too_long", "the URL is longer than the limit of "
                    + maxRequestHeaderBytes + " bytes for the request line and headers");
            case 431 -> body.render(431, "headers_too_large", "the request line and headers are larger than the "
                    + "limit of " + maxRequestHeaderBytes + " bytes");
            case 501 -> body.render(501, "not_implemented", "this method or transfer encoding is not supported");
            case 503 -> body.render(503, "unavailable", "the server is shutting down or overloaded; send the request "
                    + "again");
            case 505 -> body.render(505, "http_version_not_supported", "use HTTP/1.1");
            default -> status < 500
                    ? body.render(status, "bad_request", "the request was refused (HTTP " + status + ")")
                    : body.render(status, "internal_error", "the server failed to handle the request; its log has "
                    + "the details");
        };
    }
}
