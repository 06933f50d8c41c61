package dev.agentconnector.server.store;

/**
 * An API client of one organization; only a salted hash of its secret is kept.
 *
 * @param revokedAt        when it was revoked (epoch ms), or null while it is active
 * @param tokensValidAfter tokens issued before this instant (epoch ms) are refused: the time its secret was last
 *                         rotated, or 0
 */
public record Application(String id, String organizationId, String name, String clientId, String secretSalt,
                          String secretHash, Long revokedAt, long tokensValidAfter) {

    /** A new, active application. */
    public Application(String id, String organizationId, String name, String clientId, String secretSalt,
                       String secretHash) {
        this(id, organizationId, name, clientId, secretSalt, secretHash, null, 0);
    }

    /** Whether it has been revoked. */
    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "Application[id=" + id + ", organizationId=" + organizationId + ", name=" + name + ", clientId="
                + clientId + ", secret=****" + (revoked() ? ", revoked" : "") + "]";
    }
}
