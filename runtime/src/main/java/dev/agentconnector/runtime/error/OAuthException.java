package dev.agentconnector.runtime.error;

/** The OAuth token endpoint refused to issue an access token. */
public class OAuthException extends ConnectorException {
    private final int status;
    private final String oauthError;

    /**
     * @param message    what happened and what to do
     * @param status     HTTP status of the token endpoint, or 0 when it was not reached
     * @param oauthError the OAuth {@code error} code (e.g. {@code invalid_client}), or null
     */
    public OAuthException(String message, int status, String oauthError) {
        super(message);
        this.status = status;
        this.oauthError = oauthError;
    }

    public OAuthException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.oauthError = null;
    }

    /** HTTP status of the token endpoint, or 0. */
    public int status() {
        return status;
    }

    /** The OAuth error code, or null. */
    public String oauthError() {
        return oauthError;
    }

    @Override
    public String errorType() {
        return "oauth_error";
    }
}
