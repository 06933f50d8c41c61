package dev.agentconnector.asana.sim.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.agentconnector.asana.sim.http.Faults;
import dev.agentconnector.asana.sim.http.HttpIo;
import dev.agentconnector.asana.sim.http.QueryString;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.StatsRecorder;
import dev.agentconnector.asana.sim.render.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Asana's OAuth endpoints outside {@code /api/1.0}: {@code /-/oauth_token}, {@code /-/oauth_authorize} (a consent
 * page) and {@code /-/oauth_revoke}. Any redirect URI is accepted for the registered app.
 */
public final class OAuthEndpoints implements HttpHandler {
    /** Looks up a user's display name and email by gid. */
    @FunctionalInterface
    public interface UserDirectory {
        /** Returns {@code {name, email}} for the user. */
        String[] nameAndEmail(String userGid);
    }

    private static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    private final TokenRegistry tokens;
    private final OAuthApp app;
    private final String consentingUserGid;
    private final UserDirectory users;
    private final StatsRecorder stats;
    private final Faults faults;
    private volatile boolean requireClientCredentials = true;

    /** Creates the endpoints; consent is always given as {@code consentingUserGid}. */
    public OAuthEndpoints(TokenRegistry tokens, OAuthApp app, String consentingUserGid, UserDirectory users,
                          StatsRecorder stats, Faults faults) {
        this.tokens = tokens;
        this.app = app;
        this.consentingUserGid = consentingUserGid;
        this.users = users;
        this.stats = stats;
        this.faults = faults;
    }

    /** Whether refresh and code grants must carry the app's client id and secret. */
    public void requireClientCredentials(boolean required) {
        this.requireClientCredentials = required;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Reply reply;
            if (path.equals("/-/oauth_token") && method.equals("POST")) {
                reply = token(ex);
            } else if (path.equals("/-/oauth_authorize") && method.equals("GET")) {
                reply = authorizePage(QueryString.parse(ex.getRequestURI().getRawQuery()));
            } else if (path.equals("/-/oauth_authorize") && method.equals("POST")) {
                reply = authorizeDecision(QueryString.parse(new String(HttpIo.readBody(ex), StandardCharsets.UTF_8)));
            } else if (path.equals("/-/oauth_revoke") && method.equals("POST")) {
                QueryString form = QueryString.parse(new String(HttpIo.readBody(ex), StandardCharsets.UTF_8));
                tokens.revokeRefreshToken(form.get("token"));
                reply = HttpIo.text(200, "");
            } else {
                reply = HttpIo.text(404, "Not Found");
            }
            HttpIo.send(ex, reply);
        } catch (RuntimeException e) {
            HttpIo.send(ex, HttpIo.text(500, "Server Error"));
        }
    }

    private Reply token(HttpExchange ex) throws IOException {
        String body = new String(HttpIo.readBody(ex), StandardCharsets.UTF_8);
        QueryString form = QueryString.parse(body);
        stats.tokenRequest(form.asMap(), ex.getRequestHeaders().getFirst("User-Agent"));
        faults.applyTokenLatency();
        String grant = form.get("grant_type");
        String[] basic = basicCredentials(ex.getRequestHeaders().getFirst("Authorization"));
        String clientId = form.has("client_id") ? form.get("client_id") : basic == null ? null : basic[0];
        String secret = form.has("client_secret") ? form.get("client_secret") : basic == null ? null : basic[1];
        if (grant == null || grant.isEmpty()) {
            return oauthError(400, "invalid_request", "The `grant_type` parameter is missing.");
        }
        if (!grant.equals("authorization_code") && !grant.equals("refresh_token")) {
            return oauthError(400, "unsupported_grant_type", "The `grant_type` is not supported.");
        }
        if (requireClientCredentials && !(app.clientId.equals(clientId) && app.clientSecret.equals(secret))) {
            return oauthError(401, "invalid_client", "The `client_id` or `client_secret` provided is invalid.");
        }
        if (!requireClientCredentials && clientId != null && !clientId.isEmpty() && !app.clientId.equals(clientId)) {
            return oauthError(401, "invalid_client", "The `client_id` provided is invalid.");
        }
        if (grant.equals("authorization_code")) {
            TokenRegistry.Code code = tokens.redeemCode(form.get("code"));
            if (code == null || !code.clientId.equals(app.clientId)) {
                return oauthError(400, "invalid_grant", "The `code` provided was invalid.");
            }
            String redirect = form.get("redirect_uri");
            if (redirect != null && code.redirectUri != null && !redirect.equals(code.redirectUri)) {
                return oauthError(400, "invalid_grant", "The `redirect_uri` does not match the authorization request.");
            }
            if (code.challenge != null && !pkceMatches(code, form.get("code_verifier"))) {
                return oauthError(400, "invalid_grant", "The `code_verifier` does not match the challenge.");
            }
            String refresh = tokens.issueRefreshToken(code.userGid, code.clientId);
            return tokenAnswer(code.userGid, tokens.issueAccessToken(code.userGid), refresh);
        }
        TokenRegistry.Refresh r = tokens.refreshToken(form.get("refresh_token"));
        if (r == null) {
            return oauthError(400, "invalid_grant", "The `refresh_token` provided was invalid or has been revoked.");
        }
        return tokenAnswer(r.userGid, tokens.issueAccessToken(r.userGid), null);
    }

    private static boolean pkceMatches(TokenRegistry.Code code, String verifier) {
        if (verifier == null) {
            return false;
        }
        if ("plain".equals(code.challengeMethod)) {
            return verifier.equals(code.challenge);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(code.challenge);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply tokenAnswer(String userGid, String accessToken, String refreshToken) {
        String[] who = users.nameAndEmail(userGid);
        long ttl = tokens.accessTtlSeconds();
        byte[] body = Json.renderCopy(g -> {
            g.writeStartObject();
            g.writeStringField("access_token", accessToken);
            g.writeNumberField("expires_in", ttl);
            g.writeStringField("token_type", "bearer");
            if (refreshToken != null) {
                g.writeStringField("refresh_token", refreshToken);
            }
            g.writeObjectFieldStart("data");
            g.writeNumberField("id", Long.parseLong(userGid));
            g.writeStringField("gid", userGid);
            g.writeStringField("name", who[0]);
            g.writeStringField("email", who[1]);
            g.writeEndObject();
            g.writeEndObject();
        }, false);
        return new Reply(200, body, body.length, Reply.JSON).header("Cache-Control", "no-store");
    }

    private static Reply oauthError(int status, String error, String description) {
        byte[] body = Json.renderCopy(g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("error_description", description);
            g.writeStringField("error_uri", "https://developers.asana.com/docs/oauth");
            g.writeEndObject();
        }, false);
        return new Reply(status, body, body.length, Reply.JSON);
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Reply authorizePage(QueryString q) {
        Reply invalid = checkAuthorizeParams(q);
        if (invalid != null) {
            return invalid;
        }
        String[] who = users.nameAndEmail(consentingUserGid);
        StringBuilder hidden = new StringBuilder();
        for (String name : new String[] {"client_id", "redirect_uri", "response_type", "state", "scope",
            "code_challenge", "code_challenge_method"}) {
            String v = q.get(name);
            if (v != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(v)).append("\">\n");
            }
        }
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Grant permission</title></head>\n"
                + "<body>\n<h1>" + escape(app.name) + " wants to access your Asana account</h1>\n"
                + "<p>Signed in as " + escape(who[0]) + " (" + escape(who[1]) + ").</p>\n"
                + "<p>Requested scope: " + escape(q.get("scope") == null ? "default" : q.get("scope")) + "</p>\n"
                + "<form id=\"consent\" method=\"post\" action=\"/-/oauth_authorize\">\n" + hidden
                + "<button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
                + "<button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
                + "</form>\n</body></html>\n";
        return HttpIo.html(200, page);
    }

    private Reply checkAuthorizeParams(QueryString q) {
        String clientId = q.get("client_id");
        if (clientId == null || !clientId.equals(app.clientId)) {
            return HttpIo.text(400, "Invalid client_id: the application could not be found.");
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            return HttpIo.text(400, "Invalid redirect_uri: it is missing.");
        }
        String responseType = q.get("response_type");
        if (responseType != null && !responseType.equals("code")) {
            return HttpIo.text(400, "Unsupported response_type: only `code` is supported here.");
        }
        return null;
    }

    private Reply authorizeDecision(QueryString form) {
        Reply invalid = checkAuthorizeParams(form);
        if (invalid != null) {
            return invalid;
        }
        String redirect = form.get("redirect_uri");
        String state = form.get("state");
        if (!"allow".equals(form.get("decision"))) {
            return redirect(redirect, "error=access_denied" + stateParam(state));
        }
        String code = tokens.issueCode(consentingUserGid, app.clientId, redirect, emptyToNull(form.get("code_challenge")),
                emptyToNull(form.get("code_challenge_method")));
        if (redirect.equals(OOB)) {
            return HttpIo.html(200, "<!DOCTYPE html>\n<html><body><p>Copy this code into your application:</p>"
                    + "<pre id=\"code\">" + escape(code) + "</pre></body></html>\n");
        }
        return redirect(redirect, "code=" + QueryString.encode(code) + stateParam(state));
    }

    private static String stateParam(String state) {
        return state == null ? "" : "&state=" + QueryString.encode(state);
    }

    private static Reply redirect(String uri, String params) {
        String location = uri + (uri.contains("?") ? "&" : "?") + params;
        return HttpIo.text(302, "Redirecting to " + location).header("Location", location);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
