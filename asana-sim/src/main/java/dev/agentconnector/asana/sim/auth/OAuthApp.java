package dev.agentconnector.asana.sim.auth;

/** The one OAuth application registered in the simulator; any redirect URI is accepted for it. */
public final class OAuthApp {
    /** Display name shown on the consent page. */
    public final String name;
    /** The OAuth client id (numeric string like Asana's). */
    public final String clientId;
    /** The OAuth client secret. */
    public final String clientSecret;

    /** Creates an app registration. */
    public OAuthApp(String name, String clientId, String clientSecret) {
        this.name = name;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }
}
