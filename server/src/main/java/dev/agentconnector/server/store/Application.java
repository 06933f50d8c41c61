package dev.agentconnector.server.store;

/** An API client of one organization; only a salted hash of its secret is kept. */
public record Application(String id, String organizationId, String name, String clientId, String secretSalt,
                          String secretHash) {
    @Override
    public String toString() {
        return "Application[id=" + id + ", organizationId=" + organizationId + ", name=" + name + ", clientId="
                + clientId + ", secret=****]";
    }
}
