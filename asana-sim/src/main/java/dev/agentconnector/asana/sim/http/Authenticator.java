package dev.agentconnector.asana.sim.http;

/** Maps a bearer token to the gid of the user it acts for. */
@FunctionalInterface
public interface Authenticator {
    /** The user gid for the token; throws a 401 {@link ApiException} when the token is missing, unknown or expired. */
    String userGid(String bearerToken);
}
