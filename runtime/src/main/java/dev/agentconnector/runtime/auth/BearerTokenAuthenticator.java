package dev.agentconnector.runtime.auth;

import dev.agentconnector.runtime.error.ConfigurationException;

/** A fixed bearer token, such as an Asana personal access token. */
public final class BearerTokenAuthenticator implements Authenticator {
    private final String header;

    /** @param token the token; must be non-blank and contain no whitespace */
    public BearerTokenAuthenticator(String token) {
        this.header = "Bearer " + checkToken(token, "token");
    }

    /** Rejects blank tokens and tokens with whitespace, with a message saying what to do. */
    static String checkToken(String token, String what) {
        if (token == null || token.isBlank()) {
            throw new ConfigurationException("the " + what + " is empty; pass the token itself (not its name)");
        }
        String t = token.strip();
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i)) || Character.isISOControl(t.charAt(i))) {
                throw new ConfigurationException("the " + what + " contains whitespace or control characters; "
                        + "copy it again without spaces or line breaks");
            }
        }
        return t;
    }

    @Override
    public String authorization() {
        return header;
    }

    @Override
    public String toString() {
        return "BearerTokenAuthenticator[token=****]";
    }
}
