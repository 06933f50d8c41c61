package dev.agentconnector.runtime.error;

import java.util.List;
import java.util.stream.Collectors;

/** The API answered with an error status. Subclasses exist for the statuses callers commonly handle. */
public class ApiException extends ConnectorException {
    private final int status;
    private final List<ApiError> errors;
    private final String requestId;
    private final String operation;

    /**
     * @param operation {@code entity.action}, or null
     * @param apiName   display name of the API, e.g. {@code Asana}
     * @param status    HTTP status
     * @param errors    the API's error entries (possibly empty)
     * @param requestId the API's request id, or null
     */
    public ApiException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(format(operation, apiName, status, errors, requestId));
        this.status = status;
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
        this.operation = operation;
    }

    /**
     * For a failure decided on this side before anything was sent, such as a client-side rate limit: {@code message}
     * is used as it is, and there is no request id.
     */
    protected ApiException(String message, String operation, int status, List<ApiError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.requestId = null;
        this.operation = operation;
    }

    private static String format(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        StringBuilder sb = new StringBuilder();
        if (operation != null) {
            sb.append(operation).append(": ");
        }
        sb.append(apiName).append(" answered ").append(status).append(' ').append(HttpStatusText.of(status));
        String messages = errors.stream().map(ApiError::message).filter(m -> m != null && !m.isBlank())
                .collect(Collectors.joining("; "));
        if (!messages.isEmpty()) {
            sb.append(": ").append(messages);
        }
        if (requestId != null) {
            sb.append(" (request id ").append(requestId).append(')');
        }
        return sb.toString();
    }

    /** Builds the subclass matching the status. */
    public static ApiException of(String operation, String apiName, int status, List<ApiError> errors,
                                  String requestId, java.time.Duration retryAfter) {
        return switch (status) {
            case 400 -> new BadRequestException(operation, apiName, status, errors, requestId);
            case 401 -> new AuthenticationException(operation, apiName, status, errors, requestId);
            case 402 -> new PaymentRequiredException(operation, apiName, status, errors, requestId);
            case 403 -> new PermissionDeniedException(operation, apiName, status, errors, requestId);
            case 404 -> new NotFoundException(operation, apiName, status, errors, requestId);
            case 429 -> new RateLimitException(operation, apiName, status, errors, requestId, retryAfter);
            default -> status >= 500
                    ? new ServerException(operation, apiName, status, errors, requestId)
                    : new ApiException(operation, apiName, status, errors, requestId);
        };
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** The API's own error entries. */
    public List<ApiError> errors() {
        return errors;
    }

    /** The API's request id, or null. */
    public String requestId() {
        return requestId;
    }

    /** {@code entity.action}, or null. */
    public String operation() {
        return operation;
    }

    @Override
    public String errorType() {
        return "api_error";
    }
}
