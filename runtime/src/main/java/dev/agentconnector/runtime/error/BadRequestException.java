package dev.agentconnector.runtime.error;

import java.util.List;

/** API status 400: the API rejected the request; the message names the field the API rejected. */
public class BadRequestException extends ApiException {
    public BadRequestException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(operation, apiName, status, errors, requestId);
    }

    @Override
    public String errorType() {
        return "bad_request";
    }
}
