package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.auth.OAuthTokens;
import dev.agentconnector.runtime.error.OAuthException;
import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.auth.RedirectHosts;
import dev.agentconnector.server.connectors.AsanaDefinition;
import dev.agentconnector.server.connectors.StoredCredentials;
import dev.agentconnector.server.crypto.Randoms;
import dev.agentconnector.server.crypto.SecretHasher;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;
import dev.agentconnector.server.http.Request;
import dev.agentconnector.server.http.Response;
import dev.agentconnector.server.http.Router;
import dev.agentconnector.server.store.ConnectorRateLimits;
import dev.agentconnector.server.store.OAuthAppRow;
import dev.agentconnector.server.store.OAuthState;
import dev.agentconnector.server.store.Workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * "Bring your own OAuth app": an organization registers its Asana OAuth app, starts a consent flow for a workspace,
 * and the callback turns the authorization code into a connector before sending the browser back to the app.
 */
final class OAuthEndpoints {
    static final String CALLBACK = ConnectorEndpoints.BASE + "/oauth/callback";
    static final String REDIRECT_HOSTS = "/api/v1/oauth/redirect_hosts";
    private static final int MAX_REDIRECT_HOSTS = 100;
    private static final Duration STATE_TTL = Duration.ofMinutes(10);
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final System.Logger LOG = System.getLogger(OAuthEndpoints.class.getName());

    private final ServerContext ctx;
    private final ConnectorEndpoints connectors;

    OAuthEndpoints(ServerContext ctx, ConnectorEndpoints connectors) {
        this.ctx = ctx;
        this.connectors = connectors;
    }

    void register(Router router) {
        router.add("PUT", "/api/v1/oauth/credentials", Router.Auth.BEARER, this::setApp);
        router.add("DELETE", "/api/v1/oauth/credentials/connector_type/{type}", Router.Auth.BEARER, this::deleteApp);
        router.add("POST", ConnectorEndpoints.BASE + "/oauth/initiate", Router.Auth.BEARER, this::initiate);
        router.add("GET", CALLBACK, Router.Auth.NONE, this::callback);
        router.add("GET", REDIRECT_HOSTS, Router.Auth.BEARER, this::redirectHosts);
        router.add("PUT", REDIRECT_HOSTS, Router.Auth.BEARER, this::setRedirectHosts);
    }

    private Response setApp(Request r) {
        Principal p = r.principal();
        BearerAuth.requireApplication(p);
        Fields f = Fields.of(r.jsonObject(), "", List.of("connector_type", "definition_id", "configuration"));
        AsanaDefinition.require(f.string("connector_type"), f.string("definition_id"));
        ObjectNode configuration = f.object("configuration");
        if (configuration == null) {
            throw ApiError.invalid("'configuration' is required: {\"client_id\": …, \"client_secret\": …}");
        }
        Fields c = Fields.of(configuration, "configuration.", List.of("client_id", "client_secret"));
        String clientId = c.requiredString("client_id").strip();
        String secret = c.requiredString("client_secret").strip();
        if (clientId.length() > Names.MAX_NAME || secret.length() > 4096) {
            throw ApiError.invalid("'configuration.client_id' or 'configuration.client_secret' is too long");
        }
        Instant now = ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        ctx.oauthApps().upsert(new OAuthAppRow(p.organizationId(), AsanaDefinition.CONNECTOR_TYPE, clientId,
                ctx.vault().sealAppSecret(p.organizationId(), AsanaDefinition.CONNECTOR_TYPE, secret), now));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("connector_type", AsanaDefinition.CONNECTOR_TYPE);
        out.put("client_id", clientId);
        out.put("updated_at", now.toString());
        return Response.json(200, out);
    }

    private Response deleteApp(Request r) {
        Principal p = r.principal();
        BearerAuth.requireApplication(p);
        String type = r.pathParam("type");
        if (!AsanaDefinition.isAsana(type)
                || !ctx.oauthApps().delete(p.organizationId(), AsanaDefinition.CONNECTOR_TYPE)) {
            throw ApiError.notFound("no OAuth app is set for connector type '" + Names.clip(type) + "'");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("connector_type", AsanaDefinition.CONNECTOR_TYPE);
        out.put("deleted", true);
        return Response.json(200, out);
    }

    private Response initiate(Request r) {
        Principal p = r.principal();
        ObjectNode body = r.jsonObject();
        Fields f = Fields.of(body, "", Names.with(AsanaDefinition.IGNORED_PLATFORM_FIELDS, "workspace_name",
                "external_user_id", "customer_name", "connector_type", "definition_id", "redirect_url", "name",
                AsanaDefinition.SERVER_SIDE_OAUTH_SECRET));
        AsanaDefinition.refuseServerSideOAuthSecret(body);
        String workspaceName = Names.workspace(f, p, true);
        AsanaDefinition.require(f.string("connector_type"), f.string("definition_id"));
        String redirectUrl = redirectUrl(f.requiredString("redirect_url"));
        requireAllowedHost(p.organizationId(), redirectUrl);
        String name = f.string("name") == null ? AsanaDefinition.CONNECTOR_TYPE : Names.name("name", f.string("name"));
        OAuthAppRow app = ctx.oauthApps().find(p.organizationId(), AsanaDefinition.CONNECTOR_TYPE)
                .orElseThrow(() -> ApiError.badRequest("oauth_app_not_configured", "this organization has no Asana "
                        + "OAuth app yet; set one with PUT /api/v1/oauth/credentials {\"connector_type\": \"Asana\", "
                        + "\"configuration\": {\"client_id\": …, \"client_secret\": …}}"));
        Instant now = ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Workspace ws = ctx.workspaces().getOrCreate(p.organizationId(), workspaceName, now);
        String state = Randoms.token(32);
        ctx.oauthStates().insert(SecretHasher.fingerprint(state), new OAuthState(p.organizationId(), ws.id(),
                AsanaDefinition.CONNECTOR_TYPE, name, redirectUrl, now.plus(STATE_TTL)), now);
        String authorize = ctx.config().asanaAuthorizeUrl();
        String consent = authorize + (authorize.contains("?") ? "&" : "?")
                + "client_id=" + enc(app.clientId())
                + "&redirect_uri=" + enc(ctx.oauthCallbackUrl())
                + "&response_type=code"
                + "&state=" + enc(state);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("consent_url", consent);
        out.put("expires_in", STATE_TTL.toSeconds());
        return Response.json(200, out);
    }

    private Response callback(Request r) {
        Map<String, String> q = r.query();
        String state = q.get("state");
        Instant now = ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<OAuthState> flow = state == null || state.isEmpty() || state.length() > 200
                ? Optional.empty()
                : ctx.oauthStates().consume(SecretHasher.fingerprint(state), now);
        if (flow.isEmpty()) {
            return Response.text(400, "This authorization link is invalid, has expired or was already used.\n"
                    + "Start connecting Asana again from the application.\n");
        }
        OAuthState s = flow.get();
        String error = q.get("error");
        if (error != null) {
            return back(s, "error=" + (ERROR_CODE.matcher(error).matches() ? error : "access_denied"));
        }
        String code = q.get("code");
        if (code == null || code.isBlank() || code.length() > 2048) {
            return back(s, "error=invalid_request");
        }
        Optional<OAuthAppRow> app = ctx.oauthApps().find(s.organizationId(), s.connectorType());
        if (app.isEmpty()) {
            return back(s, "error=server_error");
        }
        String secret = ctx.vault().openAppSecret(s.organizationId(), s.connectorType(), app.get().sealedSecret());
        OAuthTokens tokens;
        try {
            tokens = ctx.tokenClient().exchangeCode(code, ctx.oauthCallbackUrl(), app.get().clientId(), secret);
        } catch (OAuthException e) {
            LOG.log(System.Logger.Level.WARNING, "OAuth code exchange failed: " + e.getMessage());
            boolean transientFailure = e.status() == 0 || e.status() >= 500;
            return back(s, "error=" + (transientFailure ? "temporarily_unavailable" : "invalid_grant"));
        }
        StoredCredentials credentials = new StoredCredentials.OAuth(tokens.accessToken(), tokens.refreshToken(),
                app.get().clientId(), secret, tokens.expiresAt());
        Workspace ws = new Workspace(s.workspaceId(), s.organizationId(), null);
        String id = connectors.save(s.organizationId(), ws, s.name(), credentials, ConnectorRateLimits.DEFAULTS,
                now).id();
        return back(s, "connector_id=" + enc(id));
    }

    /** 400 unless the redirect URL's host is loopback or on the organization's allow-list. */
    private void requireAllowedHost(String organizationId, String redirectUrl) {
        String host = RedirectHosts.normalize(URI.create(redirectUrl).getHost());
        if (!RedirectHosts.loopback(host) && !ctx.redirectHosts().allows(organizationId, host)) {
            throw ApiError.badRequest("redirect_host_not_allowed", "'redirect_url' host '" + host + "' is not on "
                    + "this organization's allow-list; add it with PUT " + REDIRECT_HOSTS + " (application token) "
                    + "or `asana-agent admin redirect-hosts --organization NAME --add " + host + "`")
                    .field("redirect_url");
        }
    }

    /** The organization's redirect allow-list. */
    private Response redirectHosts(Request r) {
        Principal p = r.principal();
        BearerAuth.requireApplication(p);
        return Response.json(200, hostsJson(ctx.redirectHosts().list(p.organizationId())));
    }

    /** Replaces the organization's redirect allow-list with {@code {"hosts": [...]}}. */
    private Response setRedirectHosts(Request r) {
        Principal p = r.principal();
        BearerAuth.requireApplication(p);
        Fields f = Fields.of(r.jsonObject(), "", List.of("hosts"));
        List<String> given = f.strings("hosts");
        if (given == null) {
            throw ApiError.invalid("'hosts' is required: the full list of allowed hosts ([] for loopback only)")
                    .field("hosts");
        }
        if (given.size() > MAX_REDIRECT_HOSTS) {
            throw ApiError.invalid("'hosts' may hold at most " + MAX_REDIRECT_HOSTS + " hosts").field("hosts");
        }
        Set<String> wanted = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                wanted.add(RedirectHosts.normalize(given.get(i)));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("'hosts[" + i + "]': " + e.getMessage()).field("hosts");
            }
        }
        List<String> current = ctx.redirectHosts().list(p.organizationId());
        List<String> remove = current.stream().filter(h -> !wanted.contains(h)).toList();
        List<String> add = wanted.stream().filter(h -> !current.contains(h)).toList();
        ctx.redirectHosts().change(p.organizationId(), add, remove, ctx.clock().instant());
        return Response.json(200, hostsJson(ctx.redirectHosts().list(p.organizationId())));
    }

    private static ObjectNode hostsJson(List<String> hosts) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        hosts.forEach(out.putArray("hosts")::add);
        out.put("loopback_allowed", true);
        return out;
    }

    /** A 302 to the flow's redirect URL with {@code params} added to its query. */
    private static Response back(OAuthState s, String params) {
        String url = s.redirectUrl();
        String fragment = "";
        int hash = url.indexOf('#');
        if (hash >= 0) {
            fragment = url.substring(hash);
            url = url.substring(0, hash);
        }
        try {
            return Response.redirect(url + (url.contains("?") ? "&" : "?") + params + fragment);
        } catch (IllegalArgumentException unsafe) {
            // a redirect URL stored before redirect URLs were checked: never written into a header
            return Response.text(400, "The application's return address is not a valid URL.\n");
        }
    }

    private static String redirectUrl(String raw) {
        String url = raw.strip();
        if (url.length() > 2000) {
            throw ApiError.invalid("'redirect_url' must be at most 2000 characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                // it ends up in a Location header: only visible ASCII, anything else percent-encoded
                throw ApiError.invalid("'redirect_url' must be ASCII without spaces or control characters; "
                        + "percent-encode other characters (got U+" + String.format("%04X", (int) c) + " at "
                        + i + ")");
            }
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getUserInfo() != null) {
                throw ApiError.invalid("'redirect_url' must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw ApiError.invalid("'redirect_url' is not a valid URL");
        }
        return url;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
