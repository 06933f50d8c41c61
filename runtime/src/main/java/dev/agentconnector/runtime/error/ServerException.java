package dev.agentconnector.runtime.error;

import java.util.List;

/** API status 5xx: the API failed; reads are retried automatically. */
public class ServerException extends ApiException {
    public ServerException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(operation, apiName, status, errors, requestId);
    }

    @Override
    public String errorType() {
        return "server_error";
    }
}
