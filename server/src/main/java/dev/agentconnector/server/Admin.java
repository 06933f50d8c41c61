package dev.agentconnector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.auth.RedirectHosts;
import dev.agentconnector.server.crypto.Randoms;
import dev.agentconnector.server.crypto.SecretHasher;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.http.Texts;
import dev.agentconnector.server.store.Application;
import dev.agentconnector.server.store.ApplicationStore;
import dev.agentconnector.server.store.DuplicateException;
import dev.agentconnector.server.store.Organization;
import dev.agentconnector.server.store.OrganizationStore;
import dev.agentconnector.server.store.RedirectHostStore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Administration of tenants: organizations and their applications (API clients), including revoking an
 * application and rotating its secret. Works on the server's database
 * directly and is safe while servers run on it. Failures are {@link IllegalArgumentException}s with a message for
 * the operator.
 */
public final class Admin implements AutoCloseable {
    private final Database db;
    private final OrganizationStore organizations;
    private final ApplicationStore applications;
    private final RedirectHostStore redirectHosts;

    private Admin(Database db) {
        this.db = db;
        this.organizations = new OrganizationStore(db);
        this.applications = new ApplicationStore(db);
        this.redirectHosts = new RedirectHostStore(db);
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
     * The organization with this name, created when there is none: {@code {"organization_id", "name", "created"}}.
     */
    public JsonNode ensureOrganization(String name) {
        String n = name("organization name", name);
        Organization org = organizations.findByName(n).orElse(null);
        boolean created = false;
        if (org == null) {
            try {
                org = organizations.create(n, now());
                created = true;
            } catch (DuplicateException raced) {
                org = organizations.findByName(n).orElseThrow(() -> new IllegalArgumentException(raced.getMessage()));
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("organization_id", org.id());
        out.put("name", org.name());
        out.put("created", created);
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

    /**
     * Applications, oldest first, of one organization or of all when {@code organizationName} is null: an array of
     * {@code {"application_id", "organization_id", "name", "client_id", "created_at", "status", "revoked_at"}}.
     * Secrets are never listed.
     */
    public JsonNode listApplications(String organizationName) {
        String orgId = null;
        if (organizationName != null) {
            String orgName = name("organization name", organizationName);
            orgId = organizations.findByName(orgName).orElseThrow(() -> new IllegalArgumentException(
                    "no organization named '" + orgName + "'")).id();
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ApplicationStore.Listed listed : applications.list(orgId)) {
            Application a = listed.application();
            ObjectNode o = out.addObject();
            o.put("application_id", a.id());
            o.put("organization_id", a.organizationId());
            o.put("name", a.name());
            o.put("client_id", a.clientId());
            o.put("created_at", Instant.ofEpochMilli(listed.createdAt()).toString());
            o.put("status", a.revoked() ? "revoked" : "active");
            if (a.revoked()) {
                o.put("revoked_at", Instant.ofEpochMilli(a.revokedAt()).toString());
            } else {
                o.putNull("revoked_at");
            }
        }
        return out;
    }

    /**
     * Revokes an application: its secret and every token issued to it (application and scoped) stop working, on
     * every server instance within the revocation check interval. Answers {@code {"application_id", "status",
     * "revoked_at"}}.
     */
    public JsonNode revokeApplication(String applicationId) {
        Application app = application(applicationId);
        if (app.revoked()) {
            throw new IllegalArgumentException("application " + app.id() + " is already revoked");
        }
        Instant now = now();
        if (!applications.revoke(app.id(), now)) {
            throw new IllegalArgumentException("application " + app.id() + " is already revoked");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("application_id", app.id());
        out.put("status", "revoked");
        out.put("revoked_at", now.toString());
        return out;
    }

    /**
     * Gives an application a new secret; the old one and every token issued before now stop working. Answers
     * {@code {"application_id", "client_id", "client_secret"}}: the new secret is shown only here.
     */
    public JsonNode rotateSecret(String applicationId) {
        Application app = application(applicationId);
        if (app.revoked()) {
            throw new IllegalArgumentException("application " + app.id() + " is revoked; create a new application");
        }
        String secret = Randoms.token(32);
        SecretHasher.Hashed hashed = SecretHasher.hash(secret);
        if (!applications.rotateSecret(app.id(), hashed.salt(), hashed.hash(), now())) {
            throw new IllegalArgumentException("application " + app.id() + " is revoked; create a new application");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("application_id", app.id());
        out.put("client_id", app.clientId());
        out.put("client_secret", secret);
        return out;
    }

    /**
     * Changes an organization's OAuth redirect allow-list and answers {@code {"organization_id", "hosts"}} (loopback
     * hosts are always allowed and not listed).
     */
    public JsonNode redirectHosts(String organizationName, List<String> add, List<String> remove) {
        String orgName = name("organization name", organizationName);
        Organization org = organizations.findByName(orgName).orElseThrow(() -> new IllegalArgumentException(
                "no organization named '" + orgName + "'"));
        List<String> adds = add.stream().map(RedirectHosts::normalize).toList();
        List<String> removes = remove.stream().map(RedirectHosts::normalize).toList();
        redirectHosts.change(org.id(), adds, removes, now());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("organization_id", org.id());
        redirectHosts.list(org.id()).forEach(out.putArray("hosts")::add);
        return out;
    }

    private Application application(String applicationId) {
        String id = applicationId == null ? "" : applicationId.strip();
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("'" + Texts.clip(id, 60) + "' is not an application id (a UUID, as printed by "
                    + "create-application and list-applications)");
        }
        return applications.findById(id.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                new IllegalArgumentException("no application with id " + id + "; list-applications shows them"));
    }

    private static String name(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
        String v = value.strip();
        if (v.length() > 200) {
            throw new IllegalArgumentException("the " + what + " must be at most 200 characters");
        }
        if (Texts.firstControl(v) >= 0) {
            throw new IllegalArgumentException("the " + what + " must not contain control characters");
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
