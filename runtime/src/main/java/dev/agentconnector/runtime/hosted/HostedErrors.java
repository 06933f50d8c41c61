package dev.agentconnector.runtime.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ApiError;
import dev.agentconnector.runtime.error.ApiException;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.runtime.error.RateLimitException;
import dev.agentconnector.runtime.error.ReauthorizationRequiredException;
import dev.agentconnector.runtime.error.TransportException;
import dev.agentconnector.runtime.error.ValidationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table between a failed execution and the execution service's wire answer, used by both ends: the service
 * turns a {@link ConnectorException} into an HTTP status, an {@code error_code} and {@code details}; the SDK turns
 * them back into the same exception type local mode throws, with the same message.
 *
 * <table>
 *   <caption>Failures on the wire</caption>
 *   <tr><th>local exception</th><th>HTTP status</th><th>{@code error_code}</th></tr>
 *   <tr><td>{@code ValidationException}, {@code ConfigurationException}</td><td>400</td><td>its error type</td></tr>
 *   <tr><td>API 400, 422 and other 4xx</td><td>400</td><td>{@code bad_request} / {@code api_error}</td></tr>
 *   <tr><td>API 401 on the stored credential, OAuth refusal, grant revoked</td><td>409</td><td>its error type</td></tr>
 *   <tr><td>API 402 and 403</td><td>403</td><td>{@code payment_required} / {@code permission_denied}</td></tr>
 *   <tr><td>API 404</td><td>404</td><td>{@code not_found}</td></tr>
 *   <tr><td>API 429 after retries; the client-side limiter's refusal</td><td>429 (with {@code Retry-After})</td>
 *   <td>{@code rate_limited}</td></tr>
 *   <tr><td>API 5xx, API unreachable</td><td>502</td><td>{@code server_error} / {@code transport_error}</td></tr>
 * </table>
 *
 * <p>A 409, not a 401, reports a stored credential the API refused: a 401 from the service means the caller's own
 * token.
 */
public final class HostedErrors {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HostedErrors() {
    }

    /** The HTTP status the service answers for a failed execution. */
    public static int httpStatus(ConnectorException e) {
        if (e instanceof ValidationException || e instanceof ConfigurationException) {
            return 400;
        }
        if (e instanceof OAuthException) {
            return 409;
        }
        if (e instanceof TransportException) {
            return 502;
        }
        if (e instanceof ApiException api) {
            int s = api.status();
            if (s == 401) {
                return 409;
            }
            if (s == 402 || s == 403) {
                return 403;
            }
            if (s == 404 || s == 429) {
                return s;
            }
            return s >= 500 ? 502 : 400;
        }
        return 502;
    }

    /** The parameter a failure is about, or null. */
    public static String field(ConnectorException e) {
        return e instanceof ValidationException v ? v.param() : null;
    }

    /**
     * What the SDK needs to rebuild the exception: for API failures the API's status, request id, error entries and
     * {@code Retry-After} (and {@code not_sent} when the client-side limiter refused the request); for OAuth failures the token endpoint's status and error; for transport failures whether
     * the request may have reached the API.
     */
    public static ObjectNode details(ConnectorException e) {
        ObjectNode d = NODES.objectNode();
        if (e instanceof ApiException api) {
            d.put("api_status", api.status());
            if (api.operation() != null) {
                d.put("operation", api.operation());
            }
            if (api.requestId() != null) {
                d.put("request_id", api.requestId());
            }
            ArrayNode errors = d.putArray("api_errors");
            for (ApiError err : api.errors()) {
                ObjectNode o = errors.addObject();
                o.put("message", err.message());
                if (err.help() != null) {
                    o.put("help", err.help());
                }
                if (err.phrase() != null) {
                    o.put("phrase", err.phrase());
                }
            }
            if (api instanceof RateLimitException rl) {
                if (rl.retryAfter() != null) {
                    d.put("retry_after_seconds", Math.max(1, (rl.retryAfter().toMillis() + 999) / 1000));
                }
                if (rl.notSent()) {
                    d.put("not_sent", true); // refused by the service's own limiter: Asana never saw it
                }
            }
        } else if (e instanceof OAuthException oauth) {
            d.put("oauth_status", oauth.status());
            if (oauth.oauthError() != null) {
                d.put("oauth_error", oauth.oauthError());
            }
        } else if (e instanceof TransportException t) {
            d.put("may_have_reached_api", t.mayHaveReachedServer());
        }
        return d;
    }

    /**
     * The exception local mode would have thrown, rebuilt from a service's error body: the platform's
     * {@code {"message", "errors": [{"field", "message", "error_code", "details"}]}}, or the older
     * {@code {"error": {"code", "message"}}}.
     */
    public static ConnectorException exception(int httpStatus, JsonNode body, String apiName, String fallback) {
        JsonNode first = body.path("errors").path(0);
        String code = text(first.path("error_code"));
        String message = text(body.path("message"));
        if (message == null) {
            message = text(first.path("message"));
        }
        if (code == null && message == null) {
            code = text(body.path("error").path("code"));
            message = text(body.path("error").path("message"));
        }
        return exception(httpStatus, code, message == null ? fallback : message, text(first.path("field")),
                first.path("details"), apiName);
    }

    /** The error code of a service's error body (either shape), or null. */
    public static String code(JsonNode body) {
        String code = text(body.path("errors").path(0).path("error_code"));
        return code != null ? code : text(body.path("error").path("code"));
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    /**
     * The exception local mode would have thrown, rebuilt from a service's error answer.
     *
     * @param httpStatus the service's HTTP status
     * @param code       {@code error_code}, or null
     * @param message    the error's message
     * @param field      the field it names, or null
     * @param details    {@code details}, possibly missing
     * @param apiName    display name of the API (its messages are rebuilt with it)
     */
    public static ConnectorException exception(int httpStatus, String code, String message, String field,
                                               JsonNode details, String apiName) {
        String c = code == null ? "" : code;
        switch (c) {
            case "validation_error":
                return new ValidationException(null, null, field, message);
            case "configuration_error":
                return new ConfigurationException(message);
            case "transport_error":
                return new TransportException(message, details.path("may_have_reached_api").asBoolean(true), null);
            case "reauthorization_required":
                return new ReauthorizationRequiredException(message, details.path("oauth_status").asInt(0));
            case "oauth_error":
                return new OAuthException(message, details.path("oauth_status").asInt(0),
                        details.path("oauth_error").asText(null));
            default:
                break;
        }
        if (details.path("api_status").canConvertToInt()) {
            List<ApiError> errors = new ArrayList<>();
            for (JsonNode err : details.path("api_errors")) {
                errors.add(new ApiError(err.path("message").asText(null), err.path("help").asText(null),
                        err.path("phrase").asText(null)));
            }
            Duration retryAfter = details.path("retry_after_seconds").canConvertToLong()
                    ? Duration.ofSeconds(details.get("retry_after_seconds").asLong()) : null;
            if (details.path("not_sent").asBoolean(false) && details.get("api_status").asInt() == 429
                    && !errors.isEmpty() && errors.get(0).message() != null) {
                return RateLimitException.limitedBeforeSending(details.path("operation").asText(null),
                        errors.get(0).message(), retryAfter);
            }
            return ApiException.of(details.path("operation").asText(null), apiName, details.get("api_status").asInt(),
                    errors, details.path("request_id").asText(null), retryAfter);
        }
        return new RemoteExecutionException(code, message, httpStatus);
    }
}
