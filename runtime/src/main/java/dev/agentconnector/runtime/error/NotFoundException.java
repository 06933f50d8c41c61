package dev.agentconnector.runtime.error;

import java.util.List;

/** API status 404: the object does not exist or is not visible to this token. */
public class NotFoundException extends ApiException {
    public NotFoundException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(operation, apiName, status, errors, requestId);
    }

    @Override
    public String errorType() {
        return "not_found";
    }
}
