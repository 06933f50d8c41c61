package dev.agentconnector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.crypto.Randoms;
import dev.agentconnector.server.crypto.SecretHasher;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.store.Application;
import dev.agentconnector.server.store.ApplicationStore;
import dev.agentconnector.server.store.DuplicateException;
import dev.agentconnector.server.store.Organization;
import dev.agentconnector.server.store.OrganizationStore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Administration of tenants: organizations and their applications (API clients). Works on the server's database
 * directly and is safe while servers run on it. Failures are {@link IllegalArgumentException}s with a message for
 * the operator.
 */
public final class Admin implements AutoCloseable {
    private final Database db;
    private final OrganizationStore organizations;
    private final ApplicationStore applications;

    private Admin(Database db) {
        this.db = db;
        this.organizations = new OrganizationStore(db);
        this.applications = new ApplicationStore(db);
    }

    /** Opens (and migrates, if needed) the database the configuration names. */
    public static Admin open(ServerConfig config) {
        return new Admin(Database.open(config.effectiveDbUrl(), 2, "asana-agent-admin"));
    }

    /** Creates an organization; answers {@code {"organization_id", "name"}}. */
    public JsonNode createOrganization(String name) {
        String n = name("organization name", name);
        Organization org;
        try {
            org = organizations.create(n, now());
        } catch (DuplicateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("organization_id", org.id());
        out.put("name", org.name());
        return out;
    }

    /**
     * Creates an application of an organization; answers {@code {"client_id", "client_secret", "organization_id",
     * "application_id", "name"}}. The secret is shown only here: the database keeps a salted hash.
     *
     * @param appName a display name, or null for {@code default}
     */
    public JsonNode createApplication(String organizationName, String appName) {
        String orgName = name("organization name", organizationName);
        Organization org = organizations.findByName(orgName).orElseThrow(() -> new IllegalArgumentException(
                "no organization named '" + orgName + "'; create the organization first"));
        String clientId = Randoms.hex(16);
        String secret = Randoms.token(32);
        SecretHasher.Hashed hashed = SecretHasher.hash(secret);
        Application app = new Application(UUID.randomUUID().toString(), org.id(),
                appName == null ? "default" : name("application name", appName), clientId, hashed.salt(),
                hashed.hash());
        applications.create(app, now());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("client_id", clientId);
        out.put("client_secret", secret);
        out.put("organization_id", org.id());
        out.put("application_id", app.id());
        out.put("name", app.name());
        return out;
    }

    private static String name(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
        String v = value.strip();
        if (v.length() > 200) {
            throw new IllegalArgumentException("the " + what + " must be at most 200 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException("the " + what + " must not contain control characters");
            }
        }
        return v;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Closes the database pool. */
    @Override
    public void close() {
        db.close();
    }
}
