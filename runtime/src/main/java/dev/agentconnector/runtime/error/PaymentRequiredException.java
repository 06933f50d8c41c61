package dev.agentconnector.runtime.error;

import java.util.List;

/** API status 402: the feature needs a paid plan (e.g. task search). */
public class PaymentRequiredException extends ApiException {
    public PaymentRequiredException(String operation, String apiName, int status, List<ApiError> errors, String requestId) {
        super(operation, apiName, status, errors, requestId);
    }

    @Override
    public String errorType() {
        return "payment_required";
    }
}
