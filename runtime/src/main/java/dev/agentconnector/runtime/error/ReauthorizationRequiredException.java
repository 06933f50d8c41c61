package dev.agentconnector.runtime.error;

/** The refresh token is no longer valid ({@code invalid_grant}): the user must authorize the app again. */
public class ReauthorizationRequiredException extends OAuthException {
    public ReauthorizationRequiredException(String message, int status) {
        super(message, status, "invalid_grant");
    }

    @Override
    public String errorType() {
        return "reauthorization_required";
    }
}
