package dev.agentconnector.runtime.error;

import java.util.List;

/** API status 403: the token may not do this. */
public class PermissionDeniedException extends ApiException {
    public PermissionDeniedException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(operation, apiName, status, errors, requestId);
    }

    @Override
    public String errorType() {
        return "permission_denied";
    }
}
