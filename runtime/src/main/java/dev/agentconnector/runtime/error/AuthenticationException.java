package dev.agentconnector.runtime.error;

import java.util.List;

/** API status 401: the token is missing, invalid or expired. */
public class AuthenticationException extends ApiException {
    public AuthenticationException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(operation, apiName, status, errors, requestId);
    }

    @Override
    public String errorType() {
        return "authentication_error";
    }
}
